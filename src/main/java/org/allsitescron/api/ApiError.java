package org.allsitescron.api;

import java.util.Map;
import org.allsitescron.run.RunReport;
import org.allsitescron.run.RunService;

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
            Map.of(name, problem),
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

  /** 503 when the service was stopping (another replica can run), else 500. */
  static ApiError aborted(RunReport report) {
    boolean stopping = RunService.SHUTDOWN.equals(report.abortReason());
    return new ApiError(
        new Problem.ErrorBody(
            false,
            ErrorCode.RUN_ABORTED,
            "Run aborted after %d of %d sites: %s"
                .formatted(report.count(), report.total(), report.abortReason()),
            report.runId(),
            null,
            new Problem.Data(stopping ? 503 : 500)),
        null);
  }

  static ApiError runNotFound(String id) {
    return new ApiError(404, ErrorCode.RUN_NOT_FOUND, "No run with id " + id + ".");
  }

  static ApiError redisUnavailable(long retryAfterSeconds) {
    return new ApiError(
            503,
            ErrorCode.REDIS_UNAVAILABLE,
            "Redis is unavailable; nothing was run or queued. Try again later.")
        .retryAfter(retryAfterSeconds);
  }

  static ApiError internal() {
    return new ApiError(500, ErrorCode.INTERNAL, INTERNAL_MESSAGE);
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
