package org.allsitescron.api;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.Optional;
import org.allsitescron.run.RunReport;
import org.allsitescron.run.RunStatus;
import org.allsitescron.run.SiteHealth;
import org.allsitescron.run.SitePage;
import org.allsitescron.run.SiteState;

/**
 * What is going on, read-only: {@code /status}, {@code /runs}, {@code /runs/{id}} and {@code
 * /sites}. What each does and its parameters are described in {@code META-INF/openapi.yaml}.
 */
@Path(Aliases.BASE)
@Produces(MediaType.APPLICATION_JSON)
@Protected
public class StatusResource {

  static final int MAX_LISTED_RUNS = 100;
  static final int DEFAULT_LISTED_RUNS = 20;
  static final int DEFAULT_LISTED_SITES = 50;

  private final RunStatus status;
  private final SiteHealth health;

  StatusResource(RunStatus status, SiteHealth health) {
    this.status = status;
    this.health = health;
  }

  @GET
  @Path("status")
  public Uni<StatusBody> status() {
    return status.snapshot().map(StatusBody::of);
  }

  @GET
  @Path("runs")
  public Uni<RunList> runs(@Context UriInfo uri) {
    int limit = (int) Query.of(uri).integer("limit", DEFAULT_LISTED_RUNS, 1, MAX_LISTED_RUNS);
    return status.recent(limit).map(RunList::new);
  }

  @GET
  @Path("runs/{id}")
  public Uni<RunReport> run(@PathParam("id") String id) {
    return status.find(id).map(found -> found.orElseThrow(() -> ApiError.runNotFound(id)));
  }

  @GET
  @Path("sites")
  public Uni<SitePage> sites(@Context UriInfo uri) {
    Query query = Query.of(uri);
    Optional<SiteState> state = state(query.get("state").orElse("all"));
    long after = cursor(query);
    int limit = (int) query.integer("limit", DEFAULT_LISTED_SITES, 1, SiteHealth.MAX_LIMIT);
    return health.page(state, after, limit);
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
