package org.allsitescron.run;

/**
 * What a site's outcome says of its cron (SPEC §7) for site health: the cron outcome's label (empty
 * when cron was not checked) and the oldest overdue event's age (0 when none was overdue, negative
 * when unknown).
 */
record CronLook(String cron, long overdueAgeMs) {

  /** Nothing known of cron: an HTTP-only look. */
  static final CronLook NONE = new CronLook("", -1);

  /** The cron part of {@code outcome}. */
  static CronLook of(SiteOutcome outcome) {
    if (outcome.cron() == null) {
      return NONE;
    }
    Long overdue = outcome.oldestOverdueSeconds();
    return new CronLook(outcome.cron().label(), overdue == null ? -1 : overdue * 1000);
  }
}
