package org.allsitescron.run;

import java.util.function.Function;

/**
 * What taking one job from the queue came to. A closed set: {@link #fold} takes one function per
 * kind, so a new kind does not compile until every caller handles it.
 */
public sealed interface JobResult {

  /** Applies the function for this kind. */
  <T> T fold(
      Function<NoJob, T> noJob,
      Function<Ran, T> ran,
      Function<Requeued, T> requeued,
      Function<Buried, T> buried);

  /** The queue held no job that was due. */
  record NoJob() implements JobResult {
    @Override
    public <T> T fold(
        Function<NoJob, T> noJob,
        Function<Ran, T> ran,
        Function<Requeued, T> requeued,
        Function<Buried, T> buried) {
      return noJob.apply(this);
    }
  }

  /** The job ran. */
  record Ran(RunReport report) implements JobResult {
    @Override
    public <T> T fold(
        Function<NoJob, T> noJob,
        Function<Ran, T> ran,
        Function<Requeued, T> requeued,
        Function<Buried, T> buried) {
      return ran.apply(this);
    }
  }

  /** The lock was busy; the job waits for another attempt. */
  record Requeued(String runId, int retries) implements JobResult {
    @Override
    public <T> T fold(
        Function<NoJob, T> noJob,
        Function<Ran, T> ran,
        Function<Requeued, T> requeued,
        Function<Buried, T> buried) {
      return requeued.apply(this);
    }
  }

  /** The job was moved to the dead-letter list. */
  record Buried(String runId, String reason) implements JobResult {
    @Override
    public <T> T fold(
        Function<NoJob, T> noJob,
        Function<Ran, T> ran,
        Function<Requeued, T> requeued,
        Function<Buried, T> buried) {
      return buried.apply(this);
    }
  }
}
