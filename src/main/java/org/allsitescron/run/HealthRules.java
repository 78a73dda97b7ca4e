package org.allsitescron.run;

import java.time.Duration;
import org.allsitescron.config.CronConfig;
import org.allsitescron.coordination.SiteRecord;
import org.allsitescron.sites.Site;

/**
 * The rules of site health (SPEC §8), without I/O: what a look at a site makes of its record,
 * whether a run skips it, and which state it is in. Times are epoch milliseconds.
 */
final class HealthRules {

  /** The back-off window before two full runs were seen: one minute. */
  static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);

  /** Shortest observed run interval used as a window. */
  private static final long MIN_WINDOW_MS = 1_000;

  /** Most doublings counted; past it the window is {@code backoff.max} anyway. */
  private static final int MAX_LEVEL = 30;

  /** The cron outcome that counts as a failure although the site answered. */
  static final String STILL_DUE = "still_due";

  /** The cron outcome that says cron ran. */
  static final String RAN = "ran";

  private final boolean enabled;
  private final int afterFailures;
  private final long maxMs;
  private final long behindAfterMs;

  HealthRules(CronConfig config) {
    this(
        config.backoff().enabled(),
        config.backoff().afterFailures(),
        config.backoff().max(),
        config.health().behindAfter());
  }

  HealthRules(boolean enabled, int afterFailures, Duration max, Duration behindAfter) {
    this.enabled = enabled;
    this.afterFailures = afterFailures;
    this.maxMs = max.toMillis();
    this.behindAfterMs = behindAfter.toMillis();
  }

  /**
   * The first back-off window: {@code configured}, or else the time between the starts of the last
   * two full runs ({@code previousStart} to {@code start}; 1m when unknown), within 1s and {@code
   * backoff.max}.
   */
  long baseWindow(java.util.Optional<Duration> configured, long previousStart, long start) {
    if (configured.isPresent()) {
      return Math.min(maxMs, configured.get().toMillis());
    }
    long observed = previousStart > 0 && start > previousStart ? start - previousStart : 0;
    long base = observed > 0 ? observed : DEFAULT_INTERVAL.toMillis();
    return Math.min(maxMs, Math.max(MIN_WINDOW_MS, base));
  }

  /** The window of the {@code level}-th back-off in a row: the base doubled, up to the max. */
  long window(int level, long baseMs) {
    int doublings = Math.min(Math.max(level, 1) - 1, MAX_LEVEL);
    long window = baseMs;
    for (int i = 0; i < doublings && window < maxMs; i++) {
      window *= 2;
    }
    return Math.min(window, maxMs);
  }

  /**
   * Whether a run starting at {@code runStart} skips the site: it is in a back-off window that ends
   * more than a tenth of the base window later (runs come a little early or late).
   */
  boolean skips(SiteRecord record, long runStart, long baseMs) {
    return enabled && record.backoffUntil() - runStart > baseMs / 10;
  }

  /**
   * The record after a look at the site.
   *
   * @param cron the cron outcome's label, empty when cron was not checked
   * @param overdueAgeMs age of the oldest overdue event seen, 0 when none; negative when unknown
   * @param runStart the look's run start, from which a back-off window counts
   */
  SiteRecord next(
      SiteRecord previous,
      Site site,
      SiteOutcome outcome,
      String cron,
      long overdueAgeMs,
      long runStart,
      long baseMs,
      long now) {
    SiteRecord before =
        previous != null && previous.url().equals(site.displayUrl())
            ? previous
            : SiteRecord.fresh(site.id(), site.displayUrl());
    // Not requested (cron-check.mode=due, nothing due or its lock held) is a healthy look.
    boolean httpOk = outcome.outcome() == Outcome.OK || outcome.outcome() == Outcome.NOT_REQUESTED;
    boolean stillDue = STILL_DUE.equals(cron);
    boolean failed = !httpOk || stillDue;
    boolean dead = isDead(outcome);
    int failures = failed ? before.failures() + 1 : 0;
    int streak = dead ? before.streak() + 1 : 0;
    int level = 0;
    long until = 0;
    if (dead && enabled && streak >= afterFailures) {
      level = Math.min(before.level() + 1, MAX_LEVEL);
      until = runStart + window(level, baseMs);
    }
    // A look that saw cron run: the events overdue before the request (whose age the outcome
    // carries, for the report) are gone, so nothing is overdue any more.
    long overdueSince =
        RAN.equals(cron)
            ? 0
            : overdueAgeMs > 0 ? now - overdueAgeMs : overdueAgeMs == 0 ? 0 : before.overdueSince();
    String error =
        !failed
            ? ""
            : outcome.error() != null && !outcome.error().isEmpty()
                ? outcome.error()
                : "cron events still due";
    return new SiteRecord(
        site.id(),
        site.displayUrl(),
        outcome.outcome().label(),
        outcome.status(),
        error,
        cron,
        RAN.equals(cron) ? now : before.lastRanAt(),
        failures,
        streak,
        overdueSince,
        now,
        level,
        until);
  }

  /** Connect errors, TLS errors, timeouts and 5xx: what makes a site a back-off candidate. */
  static boolean isDead(SiteOutcome outcome) {
    return switch (outcome.outcome()) {
      case CONNECT_ERROR, TLS_ERROR, TIMEOUT -> true;
      case HTTP_ERROR -> outcome.status() >= 500 || outcome.status() == 0;
      case OK, BACKOFF, STILL_DUE, NOT_REQUESTED -> false;
    };
  }

  /** The site's state at {@code now}. */
  SiteState state(SiteRecord record, long now) {
    if (record.backoffUntil() > now) {
      return SiteState.BACKOFF;
    }
    if (record.overdueSince() > 0 && now - record.overdueSince() > behindAfterMs) {
      return SiteState.BEHIND;
    }
    if (record.failures() > 0) {
      return SiteState.FAILING;
    }
    return SiteState.OK;
  }
}
