package org.allsitescron.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Map;
import org.allsitescron.run.RunReport;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An error body in WordPress's shape {@code {"success":false,"code","message","data":{"status"}}}.
 */
public sealed interface Problem extends Body {

  ErrorCode code();

  String message();

  Data data();

  /** The HTTP status, sent as {@code data.status}. */
  default int status() {
    return data().status();
  }

  /** WordPress's {@code data} member of an error. */
  @RegisterForReflection
  record Data(@Schema(required = true, description = "The HTTP status.") int status)
      implements Body {}

  /** Every error but the 429. */
  @RegisterForReflection
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @Schema(
      name = "ErrorBody",
      description =
          "Every error, in WordPress's REST error shape. Never a stack trace, never an HTML page.")
  record ErrorBody(
      @Schema(required = true, description = "Always false.") boolean success,
      @Schema(required = true) ErrorCode code,
      @Schema(required = true) String message,
      @Schema(
              description =
                  "A run that stopped (`all_sites_cron_run_aborted`, an `internal_error` that"
                      + " stopped a run, or a `503` that cut a run short): its id.")
          String runId,
      @Schema(
              description =
                  "`503` only: why the dependency cannot be used, e.g. `unreachable`, `noauth`,"
                      + " `oom`, `readonly`, `wrongtype` (Redis), `access_denied`, `no_grant`"
                      + " (site database).")
          String reason,
      @Schema(description = "`internal_error` only: the id of the logged stack trace.")
          String errorId,
      @Schema(description = "`rest_invalid_param` only: the parameter and what is wrong with it.")
          Map<String, String> params,
      @Schema(
              description =
                  "A `503` that cut a run short: what the run did (stored as soon as Redis takes"
                      + " writes again).")
          RunReport report,
      @Schema(required = true) Data data)
      implements Problem {

    ErrorBody(int status, ErrorCode code, String message) {
      this(false, code, message, null, null, null, null, null, new Data(status));
    }

    // Copies with one optional member set.

    ErrorBody withRunId(String runId) {
      return new ErrorBody(success, code, message, runId, reason, errorId, params, report, data);
    }

    ErrorBody withReason(String reason) {
      return new ErrorBody(success, code, message, runId, reason, errorId, params, report, data);
    }

    ErrorBody withErrorId(String errorId) {
      return new ErrorBody(success, code, message, runId, reason, errorId, params, report, data);
    }

    ErrorBody withParams(Map<String, String> params) {
      return new ErrorBody(success, code, message, runId, reason, errorId, params, report, data);
    }

    ErrorBody withReport(RunReport report) {
      return new ErrorBody(success, code, message, runId, reason, errorId, params, report, data);
    }
  }

  /** The 429, as the plugin sent it. */
  @RegisterForReflection
  @Schema(
      name = "RateLimitedBody",
      description =
          "The `429` body: the WordPress error shape plus the cooldown, as the plugin sent it.")
  record RateLimited(
      @Schema(required = true) boolean success,
      @Schema(required = true) ErrorCode code,
      @Schema(required = true, description = "`Rate limited. Try again in N seconds.`")
          String message,
      @Schema(required = true, enumeration = "rate_limited") String error,
      @Schema(required = true, description = "Seconds until a trigger passes.") long retryAfter,
      @Schema(required = true, description = "The cooldown, `rate-limit-seconds`.") long cooldown,
      @Schema(required = true, description = "When the last trigger was accepted (ISO 8601, UTC).")
          String lastRunGmt,
      @Schema(required = true) String timestamp,
      @Schema(required = true) Data data)
      implements Problem {}
}
