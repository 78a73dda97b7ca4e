package org.allsitescron.coordination;

/** What {@link Admission} made of a trigger. */
public sealed interface Decision {

  /** A synchronous run may start now; the lock is held with {@code lease}. */
  record Accepted(Lease lease) implements Decision {}

  /** A deferred job was queued. */
  record Queued(String runId) implements Decision {}

  /** A job was already waiting; nothing was queued. */
  record AlreadyQueued(String runId) implements Decision {}

  /** Inside the cooldown of the last accepted trigger. */
  record RateLimited(long retryAfterSeconds, long lastRunEpochSeconds) implements Decision {}

  /** A run holds the lock. */
  record Locked() implements Decision {}
}
