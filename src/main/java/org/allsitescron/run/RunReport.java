package org.allsitescron.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;
import org.allsitescron.dispatch.SiteOutcome;

/**
 * What one run did: counts by outcome and the failed sites (at most {@link #FAILED_SITES_KEPT}).
 * While the run is going, {@code count} is the sites done so far out of {@code total}.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunReport(
    @JsonProperty("run_id") String runId,
    Trigger trigger,
    RunState state,
    @JsonProperty("started_at") Instant startedAt,
    @JsonProperty("finished_at") Instant finishedAt,
    @JsonProperty("duration_ms") long durationMs,
    long total,
    long count,
    long ok,
    long errors,
    long timeouts,
    @JsonProperty("failed_sites") List<SiteOutcome> failedSites,
    long fence,
    @JsonProperty("abort_reason") String abortReason,
    long requested,
    CronCounts cron) {

  /** Failed sites kept in a report; the counts cover the rest. */
  public static final int FAILED_SITES_KEPT = 100;

  /** Whether any site ended in an error (timeouts are not errors). */
  public boolean hasErrors() {
    return errors > 0;
  }

  /** Sites that answered, yet whose due events were still due after the settle timeout. */
  public long stillDue() {
    return cron == null ? 0 : cron.stillDue();
  }
}
