package org.allsitescron.coordination;

import java.util.function.Function;

/**
 * What {@link Admission} made of a trigger. A closed set: {@link #fold} takes one function per
 * kind, so a new kind does not compile until every caller handles it.
 */
public sealed interface Decision {

  /** Applies the function for this kind. */
  <T> T fold(
      Function<Accepted, T> accepted,
      Function<Queued, T> queued,
      Function<AlreadyQueued, T> alreadyQueued,
      Function<RateLimited, T> rateLimited,
      Function<Locked, T> locked);

  /** A synchronous run may start now; the lock is held with {@code lease}. */
  record Accepted(Lease lease) implements Decision {
    @Override
    public <T> T fold(
        Function<Accepted, T> accepted,
        Function<Queued, T> queued,
        Function<AlreadyQueued, T> alreadyQueued,
        Function<RateLimited, T> rateLimited,
        Function<Locked, T> locked) {
      return accepted.apply(this);
    }
  }

  /** A deferred job was queued. */
  record Queued(String runId) implements Decision {
    @Override
    public <T> T fold(
        Function<Accepted, T> accepted,
        Function<Queued, T> queued,
        Function<AlreadyQueued, T> alreadyQueued,
        Function<RateLimited, T> rateLimited,
        Function<Locked, T> locked) {
      return queued.apply(this);
    }
  }

  /** A job was already waiting; nothing was queued. */
  record AlreadyQueued(String runId) implements Decision {
    @Override
    public <T> T fold(
        Function<Accepted, T> accepted,
        Function<Queued, T> queued,
        Function<AlreadyQueued, T> alreadyQueued,
        Function<RateLimited, T> rateLimited,
        Function<Locked, T> locked) {
      return alreadyQueued.apply(this);
    }
  }

  /** Inside the cooldown of the last accepted trigger. */
  record RateLimited(long retryAfterSeconds, long lastRunEpochSeconds) implements Decision {
    @Override
    public <T> T fold(
        Function<Accepted, T> accepted,
        Function<Queued, T> queued,
        Function<AlreadyQueued, T> alreadyQueued,
        Function<RateLimited, T> rateLimited,
        Function<Locked, T> locked) {
      return rateLimited.apply(this);
    }
  }

  /** A run holds the lock. */
  record Locked() implements Decision {
    @Override
    public <T> T fold(
        Function<Accepted, T> accepted,
        Function<Queued, T> queued,
        Function<AlreadyQueued, T> alreadyQueued,
        Function<RateLimited, T> rateLimited,
        Function<Locked, T> locked) {
      return locked.apply(this);
    }
  }
}
