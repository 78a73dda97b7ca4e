package org.allsitescron.run;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What the last full run saw of the network's health, stored for {@code /sites}, the status page
 * and the gauges. Times are epoch milliseconds.
 *
 * @param runId the run that made it
 * @param runStartedAt when that run started (the next run measures one run's interval from it)
 * @param finishedAt when that run finished
 * @param oldestOverdueSince due time of the oldest overdue cron event seen, 0 when none
 */
@RegisterForReflection
public record HealthSummary(
    @JsonProperty("run_id") String runId,
    @JsonProperty("run_started_at") long runStartedAt,
    @JsonProperty("finished_at") long finishedAt,
    long sites,
    long ok,
    long failing,
    long behind,
    long backoff,
    @JsonProperty("oldest_overdue_since") long oldestOverdueSince) {

  /** No full run has left a summary yet. */
  static final HealthSummary NONE = new HealthSummary(null, 0, 0, 0, 0, 0, 0, 0, 0);

  /** Sites in {@code state}. */
  public long count(SiteState state) {
    return switch (state) {
      case OK -> ok;
      case FAILING -> failing;
      case BEHIND -> behind;
      case BACKOFF -> backoff;
    };
  }

  /** Age of the oldest overdue event at {@code now}, in seconds; 0 when none was overdue. */
  public long oldestOverdueSeconds(long now) {
    return oldestOverdueSince <= 0 ? 0 : Math.max(0, (now - oldestOverdueSince) / 1000);
  }
}
