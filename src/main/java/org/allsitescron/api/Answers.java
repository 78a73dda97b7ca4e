package org.allsitescron.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.allsitescron.dispatch.SiteOutcome;
import org.allsitescron.run.Preview;
import org.allsitescron.run.RunReport;
import org.allsitescron.run.RunState;
import org.allsitescron.run.TriggerResult;

/** Turns results into HTTP answers: the spec's JSON bodies, or GitHub Actions text for ga=1. */
final class Answers {

  static final MediaType GA_TEXT = MediaType.valueOf("text/plain; charset=utf-8");

  private Answers() {}

  /** The answer to an admitted or refused {@code /run}. */
  static Response trigger(TriggerResult result, boolean ga, boolean redis) {
    if (result instanceof TriggerResult.Ran ran) {
      return ran(ran.report(), ga);
    }
    if (result instanceof TriggerResult.Queued queued) {
      return queued(queued, ga, redis);
    }
    if (result instanceof TriggerResult.RateLimited limited) {
      throw rateLimited(limited);
    }
    throw locked();
  }

  static Response ran(RunReport report, boolean ga) {
    if (report.state() == RunState.ABORTED) {
      throw aborted(report);
    }
    if (ga) {
      return text(200, report.count() == 0 ? noSites() : GithubActionsText.report(report));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("success", report.count() > 0 && !report.hasErrors() && report.stillDue() == 0);
    body.put("count", report.count());
    body.put("message", runMessage(report));
    body.put("timestamp", now());
    body.put("endpoint", "rest");
    body.put("run_id", report.runId());
    body.put("duration_ms", report.durationMs());
    body.put("ok", report.ok());
    body.put("errors", report.errors());
    body.put("timeouts", report.timeouts());
    body.put("requested", report.requested());
    if (report.cron() != null) {
      body.put("cron", report.cron());
    }
    body.put("failed_sites", report.failedSites());
    if (report.hasErrors()) {
      body.put("error_code", "PARTIAL_FAILURE");
    }
    return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).build();
  }

  static Response preview(Preview preview, boolean ga) {
    if (ga) {
      return text(200, GithubActionsText.message(200, "Dry run: " + preview.count() + " sites"));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("success", true);
    body.put("dry_run", true);
    body.put("count", preview.count());
    body.put("sites", preview.urls());
    return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).build();
  }

  /** A message in GA text, or {@code {"success":…, "message":…}} plus {@code fields} in JSON. */
  static Response message(
      int status, boolean success, String message, boolean ga, Map<String, Object> fields) {
    if (ga) {
      return text(status, GithubActionsText.message(status, message));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("success", success);
    body.put("message", message);
    body.putAll(fields);
    body.put("timestamp", now());
    return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
  }

  static Response text(int status, String text) {
    return Response.status(status).type(GA_TEXT).entity(text).build();
  }

  static String now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private static Response queued(TriggerResult.Queued queued, boolean ga, boolean redis) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("status", queued.alreadyQueued() ? "already_queued" : "queued");
    fields.put("mode", redis ? "redis" : "deferred");
    fields.put("run_id", queued.runId());
    String message =
        queued.alreadyQueued()
            ? "A cron job is already queued for background processing"
            : redis
                ? "Cron job queued to Redis for background processing"
                : "Cron job queued for background processing";
    return message(202, true, message, ga, fields);
  }

  private static String runMessage(RunReport report) {
    if (report.count() == 0) {
      return "No public sites found in the network";
    }
    if (!report.hasErrors()) {
      return "Running wp-cron on " + report.count() + " sites";
    }
    List<SiteOutcome> errors =
        report.failedSites().stream().filter(site -> site.outcome().isError()).toList();
    String firstThree =
        errors.stream()
            .limit(3)
            .map(site -> "Error for " + site.url() + ": " + site.error())
            .collect(Collectors.joining("; "));
    return "Completed with %d error(s): %s%s"
        .formatted(report.errors(), firstThree, report.errors() > 3 ? "..." : "");
  }

  private static String noSites() {
    return GithubActionsText.message(200, "No public sites found in the network");
  }

  private static ApiError rateLimited(TriggerResult.RateLimited limited) {
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("error", "rate_limited");
    extra.put("retry_after", limited.retryAfterSeconds());
    extra.put("cooldown", limited.cooldownSeconds());
    extra.put("last_run_gmt", Instant.ofEpochSecond(limited.lastRunEpochSeconds()).toString());
    extra.put("timestamp", now());
    return new ApiError(
        429,
        "all_sites_cron_rate_limited",
        "Rate limited. Try again in " + limited.retryAfterSeconds() + " seconds.",
        limited.retryAfterSeconds(),
        extra);
  }

  private static ApiError locked() {
    return new ApiError(
        409,
        "all_sites_cron_locked",
        "Another cron process is currently running. Please try again later.");
  }

  private static ApiError aborted(RunReport report) {
    return new ApiError(
        500,
        "all_sites_cron_run_aborted",
        "Run aborted after %d of %d sites: %s"
            .formatted(report.count(), report.total(), report.abortReason()),
        null,
        Map.of("run_id", report.runId()));
  }
}
