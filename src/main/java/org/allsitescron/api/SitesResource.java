package org.allsitescron.api;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.Optional;
import org.allsitescron.run.SiteHealth;
import org.allsitescron.run.SitePage;
import org.allsitescron.run.SiteState;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Site health across runs: {@code /sites}. Thin: parse, ask {@link SiteHealth}. Its parameters are
 * documented in {@code META-INF/openapi.yaml}.
 */
@Path(Aliases.BASE)
@Produces(MediaType.APPLICATION_JSON)
@Protected
@Tag(name = "Sites")
public class SitesResource {

  /** Sites on a page unless {@code limit} says otherwise. */
  static final int DEFAULT_LIMIT = 50;

  private final SiteHealth health;

  SitesResource(SiteHealth health) {
    this.health = health;
  }

  @GET
  @Path("sites")
  @Operation(operationId = "listSites", summary = "Sites by health across runs")
  @APIResponse(responseCode = "200", ref = "SitesAnswer")
  @APIResponse(responseCode = "400", ref = "InvalidParam")
  @APIResponse(responseCode = "503", ref = "RedisUnavailable")
  public Uni<SitePage> sites(@Context UriInfo uri) {
    Query query = Query.of(uri);
    Optional<SiteState> filter = state(query.get("state").orElse("all"));
    long after = cursor(query);
    int count = (int) query.integer("limit", DEFAULT_LIMIT, 1, SiteHealth.MAX_LIMIT);
    return health.page(filter, after, count);
  }

  /** The {@code next_cursor} of the previous page; absent or blank for the first. */
  private static long cursor(Query query) {
    return query.get("cursor").orElse("").isBlank()
        ? 0
        : query.integer(
            "cursor", 0, 0, Long.MAX_VALUE, "must be the next_cursor of a previous page");
  }

  private static Optional<SiteState> state(String value) {
    if (value.equalsIgnoreCase("all")) {
      return Optional.empty();
    }
    return Optional.of(
        SiteState.of(value)
            .orElseThrow(
                () ->
                    ApiError.invalidParam("state", "must be behind, failing, backoff, ok or all")));
  }
}
