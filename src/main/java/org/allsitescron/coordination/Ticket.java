package org.allsitescron.coordination;

/**
 * A trigger asking to be admitted: the run id it would get, and for a deferred trigger the job to
 * queue.
 */
public record Ticket(String runId, Job job) {

  /** A synchronous trigger: admitted, it holds the lock under {@code runId}. */
  public static Ticket sync(String runId) {
    return new Ticket(runId, null);
  }

  /** A deferred trigger: admitted, {@code job} waits in the queue. */
  public static Ticket deferred(Job job) {
    return new Ticket(job.runId(), job);
  }

  public boolean isDeferred() {
    return job != null;
  }
}
