package org.allsitescron.api;

import io.quarkus.logging.Log;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.allsitescron.coordination.CoordinationUnavailableException;
import org.allsitescron.sites.SiteSourceUnavailableException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Renders every failure of a resource or filter as a {@link Problem} (or GitHub Actions text for
 * ga=1): never a stack trace, never an HTML page. {@link HttpLayer} does the same for what fails
 * before a resource is reached.
 */
public class ErrorMapper {

  private final Routes routes;

  ErrorMapper(Routes routes) {
    this.routes = routes;
  }

  @ServerExceptionMapper
  public Response apiError(ApiError error, UriInfo uri) {
    boolean ga = Query.of(uri).lenientFlag("ga");
    return Response.fromResponse(Answers.of(ga, error.status(), error.body(), error::gaText))
        .header("Retry-After", error.retryAfterSeconds())
        .build();
  }

  /**
   * Redis unreachable or refusing, with the reason (the outage is logged once by the Redis client,
   * not per request); a run it cut short is reported anyway.
   */
  @ServerExceptionMapper
  public Response redisDown(CoordinationUnavailableException e, UriInfo uri) {
    return apiError(ApiError.redisUnavailable(e), uri);
  }

  /** The site database unreachable or refusing (the source logs it once): nothing requested. */
  @ServerExceptionMapper
  public Response siteSourceDown(SiteSourceUnavailableException e, UriInfo uri) {
    return apiError(ApiError.siteSourceUnavailable(e.reason(), null), uri);
  }

  @ServerExceptionMapper
  public Response notAllowed(NotAllowedException e, UriInfo uri) {
    return Response.fromResponse(apiError(ApiError.noRoute(405), uri))
        .header("Allow", String.join(", ", routes.allowed(uri.getPath())))
        .build();
  }

  /** What JAX-RS itself refuses: no route (404), not acceptable (406), and the like. */
  @ServerExceptionMapper
  public Response webError(WebApplicationException e, UriInfo uri) {
    return apiError(ApiError.ofHttpStatus(e.getResponse().getStatus()), uri);
  }

  /** Anything else (a bug): a JSON 500 with an id to find the logged stack trace by. */
  @ServerExceptionMapper
  public Response unexpected(Throwable e, UriInfo uri) {
    String errorId = UUID.randomUUID().toString();
    Log.errorf(e, "Unexpected error %s while answering %s", errorId, uri.getPath());
    return apiError(ApiError.internal(errorId, null), uri);
  }
}
