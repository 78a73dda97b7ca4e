package org.allsitescron.api;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Instant;
import java.util.Map;
import org.allsitescron.api.Problem.ErrorBody;
import org.allsitescron.config.SiteUrl;
import org.allsitescron.coordination.CoordinationUnavailableException;
import org.allsitescron.logging.Refusal;
import org.allsitescron.run.RunReport;
import org.allsitescron.run.RunService;
import org.allsitescron.run.TriggerResult;
import org.allsitescron.run.UnrecordedRunException;

/**
 * An error answer, thrown anywhere in the API and rendered by {@link ErrorMapper}: its body is the
 * {@link Problem} sent, with an optional {@code Retry-After}.
 */
public final class ApiError extends RuntimeException {

  // The Retry-After of a 503: a Redis failover takes seconds, a database repair longer.
  private static final long REDIS_RETRY_AFTER_SECONDS = 5;
  private static final long SITE_SOURCE_RETRY_AFTER_SECONDS = 30;

  private final Problem body;
  private final Long retryAfterSeconds;

  private ApiError(Problem body, Long retryAfterSeconds) {
    super(body.message(), null, false, false);
    this.body = body;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  private ApiError(int status, ErrorCode code, String message) {
    this(new ErrorBody(status, code, message), null);
  }

  static ApiError invalidParam(String name, String problem) {
    String message = "Invalid parameter(s): " + name + " " + problem;
    return new ApiError(
        new ErrorBody(400, ErrorCode.REST_INVALID_PARAM, message).withParams(Map.of(name, problem)),
        null);
  }

  static ApiError authMissing() {
    return new ApiError(
        401,
        ErrorCode.ALL_SITES_CRON_AUTH_MISSING,
        "Authentication required: send 'Authorization: Bearer <token>' or ?token=<token>.");
  }

  static ApiError authInvalid() {
    return new ApiError(
        403, ErrorCode.ALL_SITES_CRON_AUTH_INVALID, "Invalid authentication token.");
  }

  /** The error for a status the HTTP layer itself (not a resource) answers with. */
  static ApiError ofHttpStatus(int status) {
    String refused =
        "The request cannot be handled: " + HttpResponseStatus.valueOf(status).reasonPhrase() + ".";
    return switch (status) {
      case 404, 405 -> noRoute(status);
      case 406 -> new ApiError(status, ErrorCode.REST_NOT_ACCEPTABLE, refused);
      case 415 -> new ApiError(status, ErrorCode.REST_UNSUPPORTED_MEDIA_TYPE, refused);
      default ->
          status >= 500
              ? new ApiError(status, ErrorCode.INTERNAL_ERROR, "Internal error.")
              : new ApiError(status, ErrorCode.REST_BAD_REQUEST, refused);
    };
  }

  static ApiError noRoute(int status) {
    return new ApiError(
        status, ErrorCode.REST_NO_ROUTE, "No route was found matching the URL and request method.");
  }

  static ApiError runNotFound(String id) {
    return new ApiError(404, ErrorCode.ALL_SITES_CRON_RUN_NOT_FOUND, "No run with id " + id + ".");
  }

  static ApiError siteNotFound(String site) {
    return new ApiError(
        404,
        ErrorCode.ALL_SITES_CRON_SITE_NOT_FOUND,
        "No eligible site with blog_id or URL '" + SiteUrl.redactAnyway(site) + "'.");
  }

  static ApiError locked() {
    return new ApiError(
        409,
        ErrorCode.ALL_SITES_CRON_LOCKED,
        "Another cron process is currently running. Please try again later.");
  }

  static ApiError requeued(int retries) {
    return new ApiError(
        409,
        ErrorCode.ALL_SITES_CRON_LOCKED,
        "Another cron process is currently running; the job was put back (retry " + retries + ").");
  }

  static ApiError rateLimited(TriggerResult.RateLimited limited, Instant now) {
    long wait = limited.retryAfterSeconds();
    return new ApiError(
        new Problem.RateLimited(
            false,
            ErrorCode.ALL_SITES_CRON_RATE_LIMITED,
            "Rate limited. Try again in " + wait + " seconds.",
            "rate_limited",
            wait,
            limited.cooldownSeconds(),
            Instant.ofEpochSecond(limited.lastRunEpochSeconds()).toString(),
            Answers.timestamp(now),
            new Problem.Data(429)),
        wait);
  }

  /** 503 if stopping (another replica can run) or the site database failed; 500 otherwise. */
  static ApiError aborted(RunReport report) {
    if (report.sourceFailure() != null) {
      return siteSourceUnavailable(report.sourceFailure(), report);
    }
    if (report.internalErrorId() != null) {
      return internal(report.internalErrorId(), report);
    }
    int status = RunService.SHUTDOWN.equals(report.abortReason()) ? 503 : 500;
    String message =
        "Run aborted after %d of %d sites: %s"
            .formatted(report.count(), report.total(), report.abortReason());
    return new ApiError(
        new ErrorBody(status, ErrorCode.ALL_SITES_CRON_RUN_ABORTED, message)
            .withRunId(report.runId()),
        null);
  }

  /** A bug: 500 with the id of the logged stack trace, and the run it stopped, if any. */
  static ApiError internal(String errorId, RunReport report) {
    String message =
        "Internal error (error id %s)%s."
            .formatted(errorId, report == null ? "" : ": " + stopped(report));
    return new ApiError(
        new ErrorBody(500, ErrorCode.INTERNAL_ERROR, message)
            .withRunId(report == null ? null : report.runId())
            .withErrorId(errorId),
        null);
  }

  /** The site database cannot be read, for a safe {@code reason}; the run it cut short, if any. */
  static ApiError siteSourceUnavailable(Refusal reason, RunReport report) {
    return unavailable(
        ErrorCode.ALL_SITES_CRON_SITE_SOURCE_UNAVAILABLE,
        "The site database cannot be read",
        reason,
        report,
        "nothing was requested",
        "",
        SITE_SOURCE_RETRY_AFTER_SECONDS);
  }

  /** Redis cannot be used; a run whose final report Redis refused is reported with it. */
  static ApiError redisUnavailable(CoordinationUnavailableException e) {
    RunReport report = e instanceof UnrecordedRunException unrecorded ? unrecorded.report() : null;
    return unavailable(
        ErrorCode.ALL_SITES_CRON_REDIS_UNAVAILABLE,
        "Redis is unavailable",
        e.reason(),
        report,
        "nothing was run or queued",
        " and is stored when Redis is back",
        REDIS_RETRY_AFTER_SECONDS);
  }

  /** A 503 naming what cannot be used and why; what became of the run it cut short, if any. */
  private static ApiError unavailable(
      ErrorCode code,
      String what,
      Refusal reason,
      RunReport report,
      String nothing,
      String later,
      long retryAfterSeconds) {
    String outcome = report == null ? nothing + ". Try again later" : stopped(report) + later;
    String message = "%s (%s); %s.".formatted(what, reason.explanation(), outcome);
    ErrorBody body =
        new ErrorBody(503, code, message)
            .withRunId(report == null ? null : report.runId())
            .withReason(reason.label())
            .withReport(report);
    return new ApiError(body, retryAfterSeconds);
  }

  /** How far a run got before it stopped. */
  private static String stopped(RunReport report) {
    return "run %s stopped after %d of %d sites"
        .formatted(report.runId(), report.count(), report.total());
  }

  public Problem body() {
    return body;
  }

  public int status() {
    return body.status();
  }

  /** Seconds for {@code Retry-After}, or null for none. */
  Long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  /** The GitHub Actions line a ga=1 client gets instead of the body. */
  String gaText() {
    return GithubActionsText.message(status(), getMessage());
  }
}
