package org.allsitescron.api;

import java.util.Map;
import org.allsitescron.config.SiteUrl;
import org.allsitescron.coordination.CoordinationUnavailableException;
import org.allsitescron.logging.Refusal;
import org.allsitescron.run.RunReport;
import org.allsitescron.run.RunService;
import org.allsitescron.run.UnrecordedRunException;

/**
 * An error answer, thrown anywhere in the API and rendered by {@link ErrorMapper}: its body is the
 * {@link Problem} sent, with an optional {@code Retry-After}.
 */
public final class ApiError extends RuntimeException {

  static final String NO_ROUTE_MESSAGE = "No route was found matching the URL and request method.";
  static final String INTERNAL_MESSAGE = "Internal error.";

  private final Problem body;
  private final Long retryAfterSeconds;

  ApiError(Problem body, Long retryAfterSeconds) {
    super(body.message(), null, false, false);
    this.body = body;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** An error in the plain WordPress shape. */
  public ApiError(int status, ErrorCode code, String message) {
    this(new Problem.ErrorBody(status, code, message), null);
  }

  /** The same error, telling the client to wait {@code seconds} ({@code Retry-After}). */
  public ApiError retryAfter(long seconds) {
    return new ApiError(body, seconds);
  }

  static ApiError invalidParam(String name, String problem) {
    return new ApiError(
        new Problem.ErrorBody(
            false,
            ErrorCode.INVALID_PARAM,
            "Invalid parameter(s): " + name + " " + problem,
            null,
            null,
            null,
            Map.of(name, problem),
            null,
            new Problem.Data(400)),
        null);
  }

  static ApiError authMissing() {
    return new ApiError(
        401,
        ErrorCode.AUTH_MISSING,
        "Authentication required: send 'Authorization: Bearer <token>' or ?token=<token>.");
  }

  static ApiError authInvalid() {
    return new ApiError(403, ErrorCode.AUTH_INVALID, "Invalid authentication token.");
  }

  static ApiError noRoute(int status) {
    return new ApiError(status, ErrorCode.NO_ROUTE, NO_ROUTE_MESSAGE);
  }

  static ApiError locked() {
    return new ApiError(
        409,
        ErrorCode.LOCKED,
        "Another cron process is currently running. Please try again later.");
  }

  static ApiError requeued(int retries) {
    return new ApiError(
        409,
        ErrorCode.LOCKED,
        "Another cron process is currently running; the job was put back (retry " + retries + ").");
  }

  static ApiError rateLimited(
      long retryAfterSeconds, long cooldownSeconds, String lastRunGmt, String now) {
    return new ApiError(
        new Problem.RateLimited(
            false,
            ErrorCode.RATE_LIMITED,
            "Rate limited. Try again in " + retryAfterSeconds + " seconds.",
            "rate_limited",
            retryAfterSeconds,
            cooldownSeconds,
            lastRunGmt,
            now,
            new Problem.Data(Problem.RateLimited.STATUS)),
        retryAfterSeconds);
  }

  /**
   * 503 when the service was stopping (another replica can run) or the site database failed (its
   * own code and reason); 500 {@code internal_error} with the error id when a bug stopped it; else
   * 500.
   */
  static ApiError aborted(RunReport report) {
    if (report.sourceFailure() != null) {
      return siteSourceUnavailable(report.sourceFailure(), report);
    }
    if (report.internalErrorId() != null) {
      return internalRun(report);
    }
    boolean stopping = RunService.SHUTDOWN.equals(report.abortReason());
    return new ApiError(
        new Problem.ErrorBody(
            false,
            ErrorCode.RUN_ABORTED,
            "Run aborted after %d of %d sites: %s"
                .formatted(report.count(), report.total(), report.abortReason()),
            report.runId(),
            null,
            null,
            null,
            null,
            new Problem.Data(stopping ? 503 : 500)),
        null);
  }

  /** Seconds a client is told to wait when the site database cannot be read. */
  static final long SITE_SOURCE_RETRY_AFTER_SECONDS = 30;

  /**
   * The site database cannot be read, for a safe {@code reason}; with the {@code report} of the run
   * it cut short, if any (null when nothing was requested).
   */
  static ApiError siteSourceUnavailable(Refusal reason, RunReport report) {
    return unavailable(
            ErrorCode.SITE_SOURCE_UNAVAILABLE,
            "The site database cannot be read",
            reason,
            report,
            "nothing was requested",
            "")
        .retryAfter(SITE_SOURCE_RETRY_AFTER_SECONDS);
  }

  /**
   * Redis cannot be used, for the failure's safe reason; a run whose final report Redis refused is
   * reported with it.
   */
  static ApiError redisUnavailable(CoordinationUnavailableException e, long retryAfterSeconds) {
    RunReport report = e instanceof UnrecordedRunException unrecorded ? unrecorded.report() : null;
    return unavailable(
            ErrorCode.REDIS_UNAVAILABLE,
            "Redis is unavailable",
            e.reason(),
            report,
            "nothing was run or queued",
            " and is stored when Redis is back")
        .retryAfter(retryAfterSeconds);
  }

  /** A 503 naming what cannot be used and why; what became of the run it cut short, if any. */
  private static ApiError unavailable(
      ErrorCode code, String what, Refusal reason, RunReport report, String nothing, String later) {
    String message =
        "%s (%s); %s."
            .formatted(
                what,
                reason.explanation(),
                report == null
                    ? nothing + ". Try again later"
                    : "run %s stopped after %d of %d sites%s"
                        .formatted(report.runId(), report.count(), report.total(), later));
    return new ApiError(
        new Problem.ErrorBody(
            false,
            code,
            message,
            report == null ? null : report.runId(),
            reason.label(),
            null,
            null,
            report,
            new Problem.Data(503)),
        null);
  }

  static ApiError runNotFound(String id) {
    return new ApiError(404, ErrorCode.RUN_NOT_FOUND, "No run with id " + id + ".");
  }

  static ApiError siteNotFound(String site) {
    return new ApiError(
        404,
        ErrorCode.SITE_NOT_FOUND,
        "No eligible site with blog_id or URL '" + SiteUrl.redactAnyway(site) + "'.");
  }

  static ApiError redisUnavailable(long retryAfterSeconds) {
    return redisUnavailable(
        new CoordinationUnavailableException("Redis: connection refused", null), retryAfterSeconds);
  }

  /** Anything unexpected: the id finds the stack trace in the log. */
  static ApiError internal(String errorId) {
    return internal(errorId, null, "Internal error (error id " + errorId + ").");
  }

  /** A run an unexpected error stopped: 500, with the id of the logged stack trace. */
  static ApiError internalRun(RunReport report) {
    String errorId = report.internalErrorId();
    return internal(
        errorId,
        report.runId(),
        "Internal error (error id %s): run %s stopped after %d of %d sites."
            .formatted(errorId, report.runId(), report.count(), report.total()));
  }

  private static ApiError internal(String errorId, String runId, String message) {
    return new ApiError(
        new Problem.ErrorBody(
            false,
            ErrorCode.INTERNAL,
            message,
            runId,
            null,
            errorId,
            null,
            null,
            new Problem.Data(500)),
        null);
  }

  /** The body sent. */
  public Problem body() {
    return body;
  }

  /** The HTTP status. */
  public int status() {
    return body.status();
  }

  /** Seconds for {@code Retry-After}, or null for none. */
  Long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
