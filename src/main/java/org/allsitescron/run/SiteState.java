package org.allsitescron.run;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a site stands across runs; each site is in exactly one state, the first that applies in
 * this order.
 */
public enum SiteState {
  /** In a back-off window: skipped by runs until it ends. */
  BACKOFF,
  /** Its oldest overdue cron event is older than {@code health.behind-after}. */
  BEHIND,
  /** Its last look failed (an HTTP failure or cron events still due), not yet backed off. */
  FAILING,
  /** Its last look succeeded. */
  OK;

  /** The name used in JSON, query parameters and metric tags. */
  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The state named {@code label}, if any. */
  public static Optional<SiteState> of(String label) {
    for (SiteState state : values()) {
      if (state.label().equalsIgnoreCase(label)) {
        return Optional.of(state);
      }
    }
    return Optional.empty();
  }
}
