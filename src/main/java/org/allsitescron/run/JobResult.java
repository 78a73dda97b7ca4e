package org.allsitescron.run;

import java.util.function.Function;

/** What taking one job from the queue came to. */
public sealed interface JobResult {

  /**
   * Applies the function for this kind: the one place that tells the kinds apart. A new kind is a
   * new parameter here, so every caller must handle it; {@code ClosedSetsTest} fails until this
   * method does.
   */
  default <T> T fold(
      Function<NoJob, T> noJob,
      Function<Ran, T> ran,
      Function<Requeued, T> requeued,
      Function<Buried, T> buried) {
    return this instanceof NoJob it
        ? noJob.apply(it)
        : this instanceof Ran it
            ? ran.apply(it)
            : this instanceof Requeued it ? requeued.apply(it) : buried.apply((Buried) this);
  }

  /** The queue held no job that was due. */
  record NoJob() implements JobResult {}

  /** The job ran. */
  record Ran(RunReport report) implements JobResult {}

  /** The lock was busy; the job waits for another attempt. */
  record Requeued(String runId, int retries) implements JobResult {}

  /** The job was moved to the dead-letter list. */
  record Buried(String runId, String reason) implements JobResult {}
}
