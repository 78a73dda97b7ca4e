package org.allsitescron.run;

import java.util.function.Function;

/**
 * What became of a {@code /run} trigger that passed authentication. A closed set: {@link #fold}
 * takes one function per kind, so a new kind does not compile until every caller handles it.
 */
public sealed interface TriggerResult {

  /** Applies the function for this kind of result. */
  <T> T fold(
      Function<Ran, T> ran,
      Function<Queued, T> queued,
      Function<RateLimited, T> rateLimited,
      Function<Locked, T> locked);

  /** A synchronous run was admitted and has finished (or was aborted). */
  record Ran(RunReport report) implements TriggerResult {
    @Override
    public <T> T fold(
        Function<Ran, T> ran,
        Function<Queued, T> queued,
        Function<RateLimited, T> rateLimited,
        Function<Locked, T> locked) {
      return ran.apply(this);
    }
  }

  /** A deferred job is waiting: this trigger's, or one that was already there. */
  record Queued(String runId, boolean alreadyQueued) implements TriggerResult {
    @Override
    public <T> T fold(
        Function<Ran, T> ran,
        Function<Queued, T> queued,
        Function<RateLimited, T> rateLimited,
        Function<Locked, T> locked) {
      return queued.apply(this);
    }
  }

  /** Inside the cooldown of the last accepted trigger. */
  record RateLimited(long retryAfterSeconds, long cooldownSeconds, long lastRunEpochSeconds)
      implements TriggerResult {
    @Override
    public <T> T fold(
        Function<Ran, T> ran,
        Function<Queued, T> queued,
        Function<RateLimited, T> rateLimited,
        Function<Locked, T> locked) {
      return rateLimited.apply(this);
    }
  }

  /** Another run holds the lock. */
  record Locked() implements TriggerResult {
    @Override
    public <T> T fold(
        Function<Ran, T> ran,
        Function<Queued, T> queued,
        Function<RateLimited, T> rateLimited,
        Function<Locked, T> locked) {
      return locked.apply(this);
    }
  }
}
