package org.allsitescron.run;

/** What became of a {@code /run} trigger that passed authentication. */
public sealed interface TriggerResult {

  /** A synchronous run was admitted and has finished (or was aborted). */
  record Ran(RunReport report) implements TriggerResult {}

  /** A deferred job is waiting: this trigger's, or one that was already there. */
  record Queued(String runId, boolean alreadyQueued) implements TriggerResult {}

  /** Inside the cooldown of the last accepted trigger. */
  record RateLimited(long retryAfterSeconds, long cooldownSeconds, long lastRunEpochSeconds)
      implements TriggerResult {}

  /** Another run holds the lock. */
  record Locked() implements TriggerResult {}

  /** {@code ?site=} named no eligible site. */
  record NoSuchSite(String site) implements TriggerResult {}
}
