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
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Site health across runs: {@code /sites}. Thin: parse, ask {@link SiteHealth}. */
@Path(Aliases.BASE)
@Produces(MediaType.APPLICATION_JSON)
@Protected
@Tag(name = "Sites")
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
@APIResponse(responseCode = "406", ref = "NotAcceptable")
@APIResponse(responseCode = "503", ref = "RedisUnavailable")
public class SitesResource {

  private static final int DEFAULT_LIMIT = 50;

  private final SiteHealth health;

  SitesResource(SiteHealth health) {
    this.health = health;
  }

  @GET
  @Path("sites")
  @Operation(
      operationId = "listSites",
      summary = "Sites by health across runs",
      description =
          "Each site's state across runs (last outcomes, last time cron ran, overdue age,"
              + " consecutive failures, back-off), in `blog_id` order, filtered by state, a page at"
              + " a time; and the counts per state of the last full run. States: `backoff` (in a"
              + " back-off window, skipped), `behind` (oldest overdue cron event older than"
              + " `health.behind-after`), `failing` (last look failed), `ok`. Also served under"
              + " `/wp-json/all-sites-cron/v1/sites`.")
  @Parameter(
      name = "state",
      in = ParameterIn.QUERY,
      description = "Only sites in this state.",
      schema =
          @Schema(
              type = SchemaType.STRING,
              enumeration = {"behind", "failing", "backoff", "ok", "all"},
              defaultValue = "all"))
  @Parameter(
      name = "cursor",
      in = ParameterIn.QUERY,
      description = "The `next_cursor` of the previous page; absent for the first.",
      schema = @Schema(type = SchemaType.STRING))
  @Parameter(
      name = "limit",
      in = ParameterIn.QUERY,
      description = "Most sites on the page.",
      schema =
          @Schema(
              type = SchemaType.INTEGER,
              minimum = "1",
              maximum = "" + SiteHealth.MAX_LIMIT,
              defaultValue = "" + DEFAULT_LIMIT))
  @APIResponse(responseCode = "200", ref = "SitesAnswer")
  @APIResponse(responseCode = "400", ref = "InvalidParam")
  public Uni<SitePage> sites(@Context UriInfo uri) {
    Query query = Query.of(uri);
    Optional<SiteState> filter = parseState(query.get("state").orElse("all"));
    long after = parseCursor(query.get("cursor").orElse(null));
    int count = parseLimit(query.get("limit").orElse(String.valueOf(DEFAULT_LIMIT)));
    return health.page(filter, after, count);
  }

  private static Optional<SiteState> parseState(String raw) {
    String value = raw.trim();
    if (value.equalsIgnoreCase("all")) {
      return Optional.empty();
    }
    return Optional.of(
        SiteState.of(value)
            .orElseThrow(
                () ->
                    ApiError.invalidParam("state", "must be behind, failing, backoff, ok or all")));
  }

  private static long parseCursor(String raw) {
    if (raw == null || raw.isBlank()) {
      return 0;
    }
    try {
      long value = Long.parseLong(raw.trim());
      if (value >= 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ApiError.invalidParam("cursor", "must be the next_cursor of a previous page");
  }

  private static int parseLimit(String raw) {
    try {
      int value = Integer.parseInt(raw.trim());
      if (value >= 1 && value <= SiteHealth.MAX_LIMIT) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ApiError.invalidParam(
        "limit", "must be a whole number from 1 to " + SiteHealth.MAX_LIMIT);
  }
}
