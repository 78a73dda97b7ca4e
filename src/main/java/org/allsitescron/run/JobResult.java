package org.allsitescron.run;

/** What taking one job from the queue came to. */
public sealed interface JobResult {

  /** The queue held no job that was due. */
  record NoJob() implements JobResult {}

  /** The job ran. */
  record Ran(RunReport report) implements JobResult {}

  /** The lock was busy; the job waits for another attempt. */
  record Requeued(String runId, int retries) implements JobResult {}

  /** The job was moved to the dead-letter list. */
  record Buried(String runId, String reason) implements JobResult {}
}
