package org.allsitescron.run;

import java.util.function.Function;

/** What became of a {@code /run} trigger that passed authentication. */
public sealed interface TriggerResult {

  /**
   * Applies the function for this kind: the one place that tells the kinds apart. A new kind is a
   * new parameter here, so every caller must handle it; {@code ClosedSetsTest} fails until this
   * method does.
   */
  default <T> T fold(
      Function<Ran, T> ran,
      Function<Queued, T> queued,
      Function<RateLimited, T> rateLimited,
      Function<Locked, T> locked) {
    return this instanceof Ran it
        ? ran.apply(it)
        : this instanceof Queued it
            ? queued.apply(it)
            : this instanceof RateLimited it ? rateLimited.apply(it) : locked.apply((Locked) this);
  }

  /** A synchronous run was admitted and has finished (or was aborted). */
  record Ran(RunReport report) implements TriggerResult {}

  /** A deferred job is waiting: this trigger's, or one that was already there. */
  record Queued(String runId, boolean alreadyQueued) implements TriggerResult {}

  /** Inside the cooldown of the last accepted trigger. */
  record RateLimited(long retryAfterSeconds, long cooldownSeconds, long lastRunEpochSeconds)
      implements TriggerResult {}

  /** Another run holds the lock. */
  record Locked() implements TriggerResult {}
}
