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
import org.allsitescron.coordination.CoordinationUnavailableException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Renders every failure in the WordPress error shape (or GitHub Actions text for ga=1): never a
 * stack trace, never an HTML page.
 */
public class ErrorMapper {

  /** Seconds a client is told to wait when Redis is unreachable. */
  static final long REDIS_RETRY_AFTER_SECONDS = 5;

  @ServerExceptionMapper
  public Response apiError(ApiError error, UriInfo uri) {
    return render(error, uri);
  }

  @ServerExceptionMapper
  public Response redisDown(CoordinationUnavailableException e, UriInfo uri) {
    Log.warnf("Redis unavailable: %s", e.getMessage());
    return render(
        new ApiError(
            503,
            "all_sites_cron_redis_unavailable",
            "Redis is unavailable; nothing was run or queued. Try again later.",
            REDIS_RETRY_AFTER_SECONDS,
            Map.of()),
        uri);
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

  @ServerExceptionMapper
  public Response unexpected(Exception e, UriInfo uri) {
    Log.error("Unexpected error while answering " + uri.getPath(), e);
    return render(new ApiError(500, "internal_error", "Internal error."), uri);
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
