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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * What is going on: {@code /status}, {@code /runs} and {@code /runs/{id}}. What each does and its
 * parameters are described in {@code META-INF/openapi.yaml}.
 */
@Path(Aliases.BASE)
@Produces(MediaType.APPLICATION_JSON)
@Protected
@Tag(name = "Status")
public class StatusResource {

  /** Reports {@code /runs} lists at most. */
  static final int MAX_LISTED_RUNS = 100;

  /** Reports {@code /runs} lists unless {@code limit} says otherwise. */
  static final int DEFAULT_LISTED_RUNS = 20;

  @Inject RunStatus status;

  @GET
  @Path("status")
  @Operation(operationId = "status", summary = "What is going on")
  @APIResponse(responseCode = "200", ref = "StatusAnswer")
  public Uni<StatusBody> status() {
    return status.snapshot().map(StatusBody::of);
  }

  @GET
  @Path("runs")
  @Operation(operationId = "listRuns", summary = "The most recent run reports")
  @APIResponse(responseCode = "200", ref = "RunListAnswer")
  @APIResponse(responseCode = "400", ref = "InvalidParam")
  public Uni<RunList> runs(@Context UriInfo uri) {
    int limit = (int) Query.of(uri).integer("limit", DEFAULT_LISTED_RUNS, 1, MAX_LISTED_RUNS);
    return status.recent(limit).map(RunList::new);
  }

  @GET
  @Path("runs/{id}")
  @Operation(operationId = "getRun", summary = "One run's report")
  @APIResponse(responseCode = "200", ref = "ReportAnswer")
  @APIResponse(responseCode = "404", ref = "RunNotFound")
  public Uni<RunReport> run(@PathParam("id") String id) {
    return status.find(id).map(found -> found.orElseThrow(() -> ApiError.runNotFound(id)));
  }
}
