package org.allsitescron.run;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What became of a site's cron events, judged from its own database rows (the {@code cron} option
 * and WordPress's {@code doing_cron} lock), beside the HTTP {@link Outcome}.
 */
public enum CronOutcome {
  /** The events that were due before the request are gone or rescheduled after it. */
  RAN("ran"),
  /** The site was requested, yet the same events were still due after the settle timeout. */
  STILL_DUE("still_due"),
  /** Nothing was due (in {@code due} mode the site was not requested). */
  NOT_DUE("not_due"),
  /** WordPress's {@code doing_cron} lock was held by someone else when we looked. */
  BUSY("busy"),
  /** The state could not be read or parsed (no options table, a value we do not understand). */
  UNKNOWN("unknown");

  private final String label;

  CronOutcome(String label) {
    this.label = label;
  }

  /** The name used in JSON, logs and metric tags. */
  @JsonValue
  public String label() {
    return label;
  }
}
