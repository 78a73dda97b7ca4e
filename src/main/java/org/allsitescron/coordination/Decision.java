package org.allsitescron.coordination;

import java.util.function.Function;

/** What {@link Admission} made of a trigger. */
public sealed interface Decision {

  /**
   * Applies the function for this kind: the one place that tells the kinds apart. A new kind is a
   * new parameter here, so every caller must handle it; {@code ClosedSetsTest} fails until this
   * method does.
   */
  default <T> T fold(
      Function<Accepted, T> accepted,
      Function<Queued, T> queued,
      Function<AlreadyQueued, T> alreadyQueued,
      Function<RateLimited, T> rateLimited,
      Function<Locked, T> locked) {
    return this instanceof Accepted it
        ? accepted.apply(it)
        : this instanceof Queued it
            ? queued.apply(it)
            : this instanceof AlreadyQueued it
                ? alreadyQueued.apply(it)
                : this instanceof RateLimited it
                    ? rateLimited.apply(it)
                    : locked.apply((Locked) this);
  }

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
