package org.allsitescron.api;

import io.quarkus.logging.Log;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.allsitescron.coordination.CoordinationUnavailableException;
import org.allsitescron.run.RunReport;
import org.allsitescron.run.UnrecordedRunException;
import org.allsitescron.sites.SiteSourceUnavailableException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Renders every failure in the WordPress error shape (or GitHub Actions text for ga=1): never a
 * stack trace, never an HTML page.
 */
public class ErrorMapper {

  /** Seconds a client is told to wait when Redis is unreachable. */
  static final long REDIS_RETRY_AFTER_SECONDS = 5;

  /** Seconds a client is told to wait when the site database cannot be read. */
  static final long SITE_SOURCE_RETRY_AFTER_SECONDS = 30;

  @ServerExceptionMapper
  public Response apiError(ApiError error, UriInfo uri) {
    return render(error, uri);
  }

  /**
   * Redis unreachable or refusing (its outage is logged once by the Redis client, not per request).
   * A run it cut short is reported anyway, with what it did.
   */
  @ServerExceptionMapper
  public Response redisDown(CoordinationUnavailableException e, UriInfo uri) {
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("reason", e.reason().label());
    String message = "Redis is unavailable (" + e.reason().explanation() + ")";
    if (e instanceof UnrecordedRunException unrecorded) {
      RunReport report = unrecorded.report();
      extra.putAll(Answers.summary(report));
      message +=
          "; run %s stopped after %d of %d sites and is reported when Redis is back."
              .formatted(report.runId(), report.count(), report.total());
    } else {
      message += "; nothing was run or queued. Try again later.";
    }
    return render(
        new ApiError(
            503, "all_sites_cron_redis_unavailable", message, REDIS_RETRY_AFTER_SECONDS, extra),
        uri);
  }

  /** The site database unreachable or refusing (the source logs it once): nothing requested. */
  @ServerExceptionMapper
  public Response siteSourceDown(SiteSourceUnavailableException e, UriInfo uri) {
    return render(
        siteSourceUnavailable(e.reason().label(), e.reason().explanation(), Map.of()), uri);
  }

  static ApiError siteSourceUnavailable(
      String reason, String explanation, Map<String, Object> more) {
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("reason", reason);
    extra.putAll(more);
    return new ApiError(
        503,
        "all_sites_cron_site_source_unavailable",
        "The site database cannot be read (" + explanation + "). Try again later.",
        SITE_SOURCE_RETRY_AFTER_SECONDS,
        extra);
  }

  @ServerExceptionMapper
  public Response notFound(NotFoundException e, UriInfo uri) {
    return render(notFoundError(), uri);
  }

  @ServerExceptionMapper
  public Response notAllowed(NotAllowedException e, UriInfo uri) {
    Response response =
        render(
            new ApiError(
                405, "rest_no_route", "No route was found matching the URL and request method."),
            uri);
    return Response.fromResponse(response)
        .header("Allow", String.join(", ", e.getResponse().getAllowedMethods()))
        .build();
  }

  @ServerExceptionMapper
  public Response webError(WebApplicationException e, UriInfo uri) {
    int status = e.getResponse().getStatus();
    String message = status >= 500 ? "Internal error." : "The request could not be handled.";
    return render(new ApiError(status, "rest_error", message), uri);
  }

  /** Anything else (a bug): a JSON 500 with an id to find the logged stack trace by. */
  @ServerExceptionMapper
  public Response unexpected(Throwable e, UriInfo uri) {
    String errorId = UUID.randomUUID().toString();
    Log.errorf(e, "Unexpected error %s while answering %s", errorId, uri.getPath());
    return render(
        new ApiError(
            500,
            "internal_error",
            "Internal error (error id " + errorId + ").",
            null,
            Map.of("error_id", errorId)),
        uri);
  }

  static ApiError notFoundError() {
    return new ApiError(
        404, "rest_no_route", "No route was found matching the URL and request method.");
  }

  /** The WordPress error body: {@code success, code, message, data.status}, plus any extras. */
  static Map<String, Object> body(ApiError error) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("success", false);
    body.put("code", error.code());
    body.put("message", error.getMessage());
    body.putAll(error.extra());
    body.put("data", Map.of("status", error.status()));
    return body;
  }

  private static Response render(ApiError error, UriInfo uri) {
    boolean ga = Flags.lenient(uri);
    Response.ResponseBuilder response =
        ga
            ? Response.status(error.status())
                .type(Answers.GA_TEXT)
                .entity(GithubActionsText.message(error.status(), error.getMessage()))
            : Response.status(error.status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(body(error));
    if (error.retryAfterSeconds() != null) {
      response.header("Retry-After", error.retryAfterSeconds());
    }
    return response.build();
  }
}
