package org.allsitescron.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.allsitescron.run.CronCounts;
import org.allsitescron.run.RunReport;
import org.allsitescron.run.SiteOutcome;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The {@code 200} of a synchronous run that finished (and of {@code /process-queue}'s job). */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A synchronous run that finished.")
public record RunFinished(
    @Schema(
            required = true,
            description =
                "False when any site had an error (timeouts alone do not count) or is"
                    + " `still_due`.")
        boolean success,
    @Schema(required = true, description = "Sites requested.") long count,
    @Schema(
            required = true,
            description =
                "`Running wp-cron on N sites`, `Completed with N error(s): …`, or `No public sites"
                    + " found in the network`.")
        String message,
    @Schema(required = true, description = "When the answer was made (ISO 8601, UTC).")
        String timestamp,
    @Schema(required = true, enumeration = "rest") String endpoint,
    @Schema(required = true, description = "The run's id, for `GET /runs/{id}`.") String runId,
    @Schema(required = true) long durationMs,
    @Schema(required = true, description = "Sites that answered 2xx.") long ok,
    @Schema(
            required = true,
            description = "Sites with `http_error`, `connect_error` or `tls_error`.")
        long errors,
    @Schema(required = true, description = "Sites that did not answer within `request-timeout`.")
        long timeouts,
    @Schema(
            required = true,
            description =
                "Sites skipped, not requested, because they are in a back-off window; counted in"
                    + " `count`.")
        long backoff,
    @Schema(
            required = true,
            description =
                "Sites whose wp-cron.php was requested (with `cron-check.mode=due` only those with"
                    + " a due event or an unreadable state).")
        long requested,
    @Schema(
            description =
                "The cron check, counts by cron outcome; absent with `cron-check.mode=off`.")
        CronCounts cron,
    @Schema(
            required = true,
            description =
                "Sites with an error, a timeout, or `still_due` (answered, yet their due events"
                    + " did not run), at most 100.")
        List<SiteOutcome> failedSites,
    @Schema(
            enumeration = "PARTIAL_FAILURE",
            description = "`PARTIAL_FAILURE` when any site had an error; absent otherwise.")
        String errorCode)
    implements Body {

  /** The answer for a finished {@code report}, made at {@code now}. */
  static RunFinished of(RunReport report, Instant now) {
    return new RunFinished(
        report.count() > 0 && !report.hasErrors() && report.stillDue() == 0,
        report.count(),
        message(report),
        Answers.timestamp(now),
        "rest",
        report.runId(),
        report.durationMs(),
        report.ok(),
        report.errors(),
        report.timeouts(),
        report.backoff(),
        report.requested(),
        report.cron(),
        report.failedSites(),
        report.hasErrors() ? "PARTIAL_FAILURE" : null);
  }

  private static String message(RunReport report) {
    if (report.count() == 0) {
      return NO_SITES;
    }
    if (!report.hasErrors()) {
      return "Running wp-cron on " + report.count() + " sites";
    }
    String firstThree =
        report.failedSites().stream()
            .filter(site -> site.outcome().isError())
            .limit(3)
            .map(site -> "Error for " + site.url() + ": " + site.error())
            .collect(Collectors.joining("; "));
    return "Completed with %d error(s): %s%s"
        .formatted(report.errors(), firstThree, report.errors() > 3 ? "..." : "");
  }

  static final String NO_SITES = "No public sites found in the network";
}
