package org.allsitescron.api;

import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.allsitescron.run.RunReport;
import org.allsitescron.run.RunStatus;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What is going on: {@code /status}, {@code /runs} and {@code /runs/{id}}. */
@Path(Aliases.BASE)
@Produces(MediaType.APPLICATION_JSON)
@Protected
@Tag(name = "Status")
public class StatusResource {

  /** Reports {@code /runs} lists at most. */
  static final int MAX_LISTED_RUNS = 100;

  private static final int DEFAULT_LISTED_RUNS = 20;

  @Inject RunStatus status;

  @GET
  @Path("status")
  @Operation(
      operationId = "status",
      summary = "What is going on",
      description =
          "The current run's progress, queue and dead-letter lengths, the lock's holder and time"
              + " left, the cooldown left, and the last runs. Also served under"
              + " `/wp-json/all-sites-cron/v1/status`.")
  @APIResponse(responseCode = "200", ref = "StatusAnswer")
  public Uni<StatusBody> status() {
    return status.snapshot().map(StatusBody::of);
  }

  @GET
  @Path("runs")
  @Operation(
      operationId = "listRuns",
      summary = "The most recent run reports",
      description =
          "Run reports of every replica, newest first. Also served under"
              + " `/wp-json/all-sites-cron/v1/runs`.")
  @Parameter(
      name = "limit",
      in = ParameterIn.QUERY,
      description = "How many reports, newest first.",
      schema =
          @Schema(
              type = SchemaType.INTEGER,
              minimum = "1",
              maximum = "" + MAX_LISTED_RUNS,
              defaultValue = "" + DEFAULT_LISTED_RUNS))
  @APIResponse(responseCode = "200", ref = "RunListAnswer")
  @APIResponse(responseCode = "400", ref = "InvalidParam")
  public Uni<RunList> runs(@Context UriInfo uri) {
    int limit = limit(Query.of(uri));
    return status.recent(limit).map(RunList::new);
  }

  @GET
  @Path("runs/{id}")
  @Operation(
      operationId = "getRun",
      summary = "One run's report",
      description =
          "A run's report, while it runs (`state: running`, `count` = sites done so far) and"
              + " after. `failed_sites` keeps at most 100 sites; the counts cover all. Also served"
              + " under `/wp-json/all-sites-cron/v1/runs/{id}`.")
  @APIResponse(responseCode = "200", ref = "ReportAnswer")
  @APIResponse(responseCode = "404", ref = "RunNotFound")
  public Uni<RunReport> run(
      @Parameter(description = "The run's `run_id`.") @PathParam("id") String id) {
    return status.find(id).map(found -> found.orElseThrow(() -> ApiError.runNotFound(id)));
  }

  private static int limit(Query query) {
    String raw = query.get("limit").orElse(String.valueOf(DEFAULT_LISTED_RUNS));
    try {
      int value = Integer.parseInt(raw);
      if (value >= 1 && value <= MAX_LISTED_RUNS) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ApiError.invalidParam("limit", "must be a whole number from 1 to " + MAX_LISTED_RUNS);
  }
}
