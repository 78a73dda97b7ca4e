package org.allsitescron.api.doc;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import org.allsitescron.run.RunReport;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The JSON bodies of the API (SPEC §2) as schemas for {@code /q/openapi}. The resources build the
 * bodies as maps ({@code Answers}, {@code ErrorMapper}); these records only describe them.
 */
public final class Bodies {

  private Bodies() {}

  @Schema(
      description = "A synchronous run that finished.",
      requiredProperties = {
        "success",
        "count",
        "message",
        "timestamp",
        "endpoint",
        "run_id",
        "duration_ms",
        "ok",
        "errors",
        "timeouts",
        "requested",
        "failed_sites"
      })
  public record RunFinished(
      @Schema(description = "False when any site had an error (timeouts alone do not count).")
          boolean success,
      @Schema(description = "Sites requested.") long count,
      @Schema(
              description =
                  "`Running wp-cron on N sites`, `Completed with N error(s): …`, or `No public sites"
                      + " found in the network`.")
          String message,
      @Schema(description = "When the answer was made (ISO 8601, UTC).") String timestamp,
      @Schema(description = "Always `rest`.") String endpoint,
      @JsonProperty("run_id") @Schema(description = "The run's id, for `GET /runs/{id}`.")
          String runId,
      @JsonProperty("duration_ms") long durationMs,
      @Schema(description = "Sites that answered 2xx.") long ok,
      @Schema(description = "Sites with `http_error` or `connect_error`.") long errors,
      @Schema(description = "Sites that did not answer within `request-timeout`.") long timeouts,
      @Schema(
              description =
                  "Sites whose wp-cron.php was requested (in `cron-check.mode=due` only those"
                      + " with a due event or an unreadable state).")
          long requested,
      @Schema(
              description =
                  "The cron check (absent with `cron-check.mode=off`): counts by cron outcome.")
          CronCounts cron,
      @JsonProperty("failed_sites")
          @Schema(
              description =
                  "Sites with an error, a timeout, or `still_due` (answered, did not run), at"
                      + " most 100.")
          List<FailedSite> failedSites,
      @JsonProperty("error_code")
          @Schema(description = "`PARTIAL_FAILURE` when any site had an error; absent otherwise.")
          String errorCode) {}

  @Schema(description = "One site that failed or timed out.")
  public record FailedSite(
      @Schema(description = "The site's URL (without `/wp-cron.php`).") String url,
      @Schema(enumeration = {"http_error", "timeout", "connect_error", "still_due"}) String outcome,
      @Schema(description = "Final HTTP status; 0 when there was none.") int status,
      @Schema(description = "What went wrong.") String error,
      @JsonProperty("duration_ms") long durationMs,
      @Schema(
              description = "Cron outcome (with a cron check).",
              enumeration = {"ran", "still_due", "not_due", "busy", "unknown"})
          String cron,
      @JsonProperty("oldest_overdue_seconds")
          @Schema(description = "Age of the site's oldest due event when it was read.")
          Long oldestOverdueSeconds,
      @JsonProperty("cron_work_ms")
          @Schema(description = "From the request until the site's cron work was seen finished.")
          Long cronWorkMs) {}

  @Schema(description = "Counts of a run's cron check by cron outcome.")
  public record CronCounts(
      @Schema(enumeration = {"verify", "due"}) String mode,
      long ran,
      @JsonProperty("still_due") long stillDue,
      @JsonProperty("not_due") long notDue,
      long busy,
      long unknown,
      @JsonProperty("lock_seen")
          @Schema(
              description =
                  "Watched sites whose doing_cron lock showed in the database; 0 while sites ran"
                      + " means the lock is kept elsewhere (persistent object cache) or the work"
                      + " was quicker than a poll.")
          long lockSeen,
      @JsonProperty("oldest_overdue_seconds") long oldestOverdueSeconds) {}

  @Schema(
      description = "A `dry_run=1` answer: what a run would request; nothing was requested.",
      requiredProperties = {"success", "dry_run", "count", "sites"})
  public record DryRun(
      boolean success,
      @JsonProperty("dry_run") boolean dryRun,
      @Schema(description = "Eligible sites, at most `number-of-sites`.") long count,
      @Schema(description = "The first 1,000 site URLs.") List<String> sites) {}

  @Schema(
      description = "A deferred run (`defer=1`): queued now, or a job was already waiting.",
      requiredProperties = {"message", "success", "status", "timestamp", "mode", "run_id"})
  public record RunQueued(
      @Schema(
              description =
                  "`Cron job queued to Redis for background processing` (mode `redis`), `Cron job"
                      + " queued for background processing` (mode `deferred`), or `A cron job is"
                      + " already queued for background processing`.")
          String message,
      boolean success,
      @Schema(enumeration = {"queued", "already_queued"}) String status,
      String timestamp,
      @Schema(
              enumeration = {"redis", "deferred"},
              description = "`redis` when replicas coordinate through Redis.")
          String mode,
      @JsonProperty("run_id")
          @Schema(description = "The queued job's run id (the waiting one's when already queued).")
          String runId) {}

  @Schema(
      description = "A message of `/process-queue` when no run took place.",
      requiredProperties = {"success", "message", "timestamp"})
  public record QueueMessage(
      boolean success,
      @Schema(description = "`No jobs in queue`, or `Job moved to the dead-letter list: <reason>`.")
          String message,
      @JsonProperty("run_id") @Schema(description = "The buried job's run id.") String runId,
      String timestamp) {}

  @Schema(
      description =
          "Every error, in WordPress's REST error shape. Never a stack trace, never an HTML page.",
      requiredProperties = {"success", "code", "message", "data"})
  public record ErrorBody(
      @Schema(description = "Always false.") boolean success,
      @Schema(
              description = "Machine-readable error code.",
              enumeration = {
                "rest_invalid_param",
                "all_sites_cron_auth_missing",
                "all_sites_cron_auth_invalid",
                "all_sites_cron_run_not_found",
                "rest_no_route",
                "all_sites_cron_locked",
                "all_sites_cron_rate_limited",
                "all_sites_cron_run_aborted",
                "internal_error",
                "all_sites_cron_redis_unavailable"
              })
          String code,
      String message,
      ErrorData data,
      @Schema(description = "`rest_invalid_param` only: the parameter and what is wrong with it.")
          Map<String, String> params,
      @JsonProperty("run_id") @Schema(description = "`all_sites_cron_run_aborted` only: the run.")
          String runId) {}

  @Schema(description = "WordPress's `data` member of an error.")
  public record ErrorData(@Schema(description = "The HTTP status.") int status) {}

  @Schema(description = "The `429` body: the WordPress error shape plus the cooldown.")
  public record RateLimitedBody(
      boolean success,
      @Schema(enumeration = "all_sites_cron_rate_limited") String code,
      @Schema(description = "`Rate limited. Try again in N seconds.`") String message,
      @Schema(enumeration = "rate_limited") String error,
      @JsonProperty("retry_after") @Schema(description = "Seconds until a trigger passes.")
          long retryAfter,
      @Schema(description = "The cooldown, `rate-limit-seconds`.") long cooldown,
      @JsonProperty("last_run_gmt")
          @Schema(description = "When the last trigger was accepted (ISO 8601, UTC).")
          String lastRunGmt,
      String timestamp,
      ErrorData data) {}

  @Schema(description = "What is going on, across every replica.")
  public record Status(
      @Schema(enumeration = {"redis", "embedded"}) String coordination,
      @JsonProperty("current_run") @Schema(description = "Null when no run is going on.")
          CurrentRun currentRun,
      QueueState queue,
      LockInfo lock,
      Cooldown cooldown,
      @JsonProperty("recent_runs") @Schema(description = "The last 10 reports, newest first.")
          List<RunReport> recentRuns) {}

  @Schema(description = "The run in progress.")
  public record CurrentRun(
      @JsonProperty("run_id") String runId,
      @Schema(enumeration = {"rest", "rest-deferred", "queue", "process-queue"}) String trigger,
      @JsonProperty("started_at") String startedAt,
      @Schema(description = "Sites done so far.") long done,
      @Schema(description = "Sites this run will request.") long total,
      @Schema(description = "Errors so far.") long errors) {}

  @Schema(description = "Queue lengths.")
  public record QueueState(
      @Schema(description = "Jobs waiting.") long length,
      @Schema(description = "Jobs in the dead-letter list.") long dead) {}

  @Schema(description = "The run lock.")
  public record LockInfo(
      boolean held,
      @Schema(description = "The holding run's id; null when free.") String owner,
      @JsonProperty("ttl_ms") @Schema(description = "Milliseconds until the lock expires.")
          long ttlMs) {}

  @Schema(description = "The cooldown between accepted triggers.")
  public record Cooldown(
      @JsonProperty("remaining_s") @Schema(description = "Seconds left; 0 when a trigger passes.")
          long remainingS) {}

  @Schema(description = "The most recent run reports, newest first.")
  public record RunList(List<RunReport> runs) {}
}
