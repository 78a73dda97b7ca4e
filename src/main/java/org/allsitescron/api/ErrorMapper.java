package org.allsitescron.api;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.quarkus.logging.Log;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.allsitescron.coordination.CoordinationUnavailableException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Renders every failure of a resource or filter as a {@link Problem} (or GitHub Actions text for
 * ga=1): never a stack trace, never an HTML page. {@link HttpLayer} does the same for what fails
 * before a resource is reached.
 */
public class ErrorMapper {

  /** Seconds a client is told to wait when Redis is unreachable. */
  static final long REDIS_RETRY_AFTER_SECONDS = 5;

  private final Routes routes;

  ErrorMapper(Routes routes) {
    this.routes = routes;
  }

  @ServerExceptionMapper
  public Response apiError(ApiError error, UriInfo uri) {
    return Answers.error(error, Query.of(uri).lenientFlag("ga"));
  }

  @ServerExceptionMapper
  public Response redisDown(CoordinationUnavailableException e, UriInfo uri) {
    Log.warnf("Redis unavailable: %s", e.getMessage());
    return apiError(ApiError.redisUnavailable(REDIS_RETRY_AFTER_SECONDS), uri);
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
    return apiError(httpError(e.getResponse().getStatus()), uri);
  }

  @ServerExceptionMapper
  public Response unexpected(Exception e, UriInfo uri) {
    Log.error("Unexpected error while answering " + uri.getPath(), e);
    return apiError(ApiError.internal(), uri);
  }

  /** The error for a status the HTTP layer answers with. */
  static ApiError httpError(int status) {
    ErrorCode code = ErrorCode.ofHttpStatus(status);
    String message =
        switch (code) {
          case NO_ROUTE -> ApiError.NO_ROUTE_MESSAGE;
          case INTERNAL -> ApiError.INTERNAL_MESSAGE;
          default ->
              "The request cannot be handled: "
                  + HttpResponseStatus.valueOf(status).reasonPhrase()
                  + ".";
        };
    return new ApiError(status, code, message);
  }
}
