package org.allsitescron.run;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;
import org.allsitescron.sites.SiteSourceUnavailableException;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What one run did: counts by outcome and the failed sites (at most {@link #FAILED_SITES_KEPT}).
 * While the run is going, {@code count} is the sites done so far out of {@code total}. A run taken
 * over from another replica says where in {@code resumed_from}.
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
    /** Sites listed again in the same run (same normalized URL): counted, not requested. */
    long duplicates,
    @JsonProperty("failed_sites") List<SiteOutcome> failedSites,
    long fence,
    @JsonProperty("abort_reason") String abortReason,
    @JsonProperty("resumed_from") ResumedFrom resumedFrom,
    @Schema(description = "Sites skipped because they are in a back-off window (not requested).")
        long backoff,
    long requested,
    CronCounts cron) {

  /**
   * A report of a run that was not taken over from another replica, had no duplicates and no cron
   * check (every site requested).
   */
  public RunReport(
      String runId,
      Trigger trigger,
      RunState state,
      Instant startedAt,
      Instant finishedAt,
      long durationMs,
      long total,
      long count,
      long ok,
      long errors,
      long timeouts,
      List<SiteOutcome> failedSites,
      long fence,
      String abortReason) {
    this(
        runId,
        trigger,
        state,
        startedAt,
        finishedAt,
        durationMs,
        total,
        count,
        ok,
        errors,
        timeouts,
        0,
        failedSites,
        fence,
        abortReason,
        null,
        0,
        count,
        null);
  }

  /** Failed sites kept in a report; the counts cover the rest. */
  public static final int FAILED_SITES_KEPT = 100;

  /** Start of {@link #abortReason()} when an unexpected error stopped the run (with its id). */
  public static final String INTERNAL_ERROR = "internal error";

  /** Start of {@link #abortReason()} when the site source failed: {@code … (<reason label>): …}. */
  public static final String SOURCE_FAILED = "site source failed";

  /** The id of the unexpected error that stopped the run (logged with it); null otherwise. */
  @JsonIgnore
  public String internalErrorId() {
    String prefix = INTERNAL_ERROR + " (error id ";
    if (state != RunState.ABORTED || abortReason == null || !abortReason.startsWith(prefix)) {
      return null;
    }
    return abortReason.substring(prefix.length()).replaceFirst("[,)].*$", "");
  }

  /** Why the site source failed, when that is what stopped the run; null otherwise. */
  @JsonIgnore
  public SiteSourceUnavailableException.Reason sourceFailure() {
    if (state != RunState.ABORTED
        || abortReason == null
        || !abortReason.startsWith(SOURCE_FAILED + " (")) {
      return null;
    }
    String label = abortReason.substring(SOURCE_FAILED.length() + 2).replaceFirst("\\).*$", "");
    for (SiteSourceUnavailableException.Reason reason :
        SiteSourceUnavailableException.Reason.values()) {
      if (reason.label().equals(label)) {
        return reason;
      }
    }
    return SiteSourceUnavailableException.Reason.ERROR;
  }

  /** This report ended {@code aborted}: with its own reason if it has one, else {@code reason}. */
  public RunReport abortedUnlessSo(String reason) {
    return withEnd(
        RunState.ABORTED, state == RunState.ABORTED && abortReason != null ? abortReason : reason);
  }

  /** A copy of this report with another state and abort reason; every count kept. */
  public RunReport withEnd(RunState state, String abortReason) {
    return new RunReport(
        runId,
        trigger,
        state,
        startedAt,
        finishedAt,
        durationMs,
        total,
        count,
        ok,
        errors,
        timeouts,
        duplicates,
        failedSites,
        fence,
        abortReason,
        resumedFrom,
        backoff,
        requested,
        cron);
  }

  /** Whether any site ended in an error (timeouts are not errors). */
  public boolean hasErrors() {
    return errors > 0;
  }

  /** Sites that answered, yet whose due events were still due after the settle timeout. */
  public long stillDue() {
    return cron == null ? 0 : cron.stillDue();
  }
}
