package org.allsitescron.api;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.allsitescron.api.doc.Bodies;
import org.allsitescron.api.doc.Examples;
import org.allsitescron.run.RunReport;
import org.allsitescron.run.RunStatus;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What is going on: {@code /status}, {@code /runs} and {@code /runs/{id}}. */
@Path("{namespace: (wp-json/)?all-sites-cron/v1}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Status")
public class StatusResource {

  /** Reports {@code /runs} lists at most. */
  static final int MAX_LISTED_RUNS = 100;

  private final RunStatus status;
  private final TokenAuth auth;

  StatusResource(RunStatus status, TokenAuth auth) {
    this.status = status;
    this.auth = auth;
  }

  @GET
  @Path("status")
  @Operation(
      operationId = "status",
      summary = "What is going on",
      description =
          "The current run's progress, queue and dead-letter lengths, the lock's holder and time"
              + " left, the cooldown left, and the last runs. Also served under"
              + " `/wp-json/all-sites-cron/v1/status`.")
  @APIResponse(
      responseCode = "200",
      description = "The state, read now.",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = Bodies.Status.class),
              examples = @ExampleObject(name = "running", value = Examples.STATUS)))
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @APIResponse(responseCode = "503", ref = "RedisUnavailable")
  public Uni<Map<String, Object>> status(
      @Parameter(description = RunResource.TOKEN_DOC) @QueryParam("token") String token,
      @Parameter(hidden = true) @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    auth.check(authorization, token);
    return status.snapshot().map(StatusResource::render);
  }

  @GET
  @Path("runs")
  @Operation(
      operationId = "listRuns",
      summary = "The most recent run reports",
      description =
          "Run reports of every replica, newest first. Also served under"
              + " `/wp-json/all-sites-cron/v1/runs`.")
  @APIResponse(
      responseCode = "200",
      description = "The reports.",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = Bodies.RunList.class),
              examples = @ExampleObject(name = "one", value = Examples.RUN_LIST)))
  @APIResponse(responseCode = "400", ref = "InvalidParam")
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @APIResponse(responseCode = "503", ref = "RedisUnavailable")
  public Uni<Map<String, Object>> runs(
      @Parameter(
              description = "How many reports, newest first.",
              schema =
                  @Schema(
                      type = SchemaType.INTEGER,
                      minimum = "1",
                      maximum = "" + MAX_LISTED_RUNS,
                      defaultValue = "20"))
          @QueryParam("limit")
          @DefaultValue("20")
          String limit,
      @Parameter(description = RunResource.TOKEN_DOC) @QueryParam("token") String token,
      @Parameter(hidden = true) @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    auth.check(authorization, token);
    int count = parseLimit(limit);
    return status.recent(count).map(reports -> Map.of("runs", reports));
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
  @APIResponse(
      responseCode = "200",
      description = "The report.",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = RunReport.class),
              examples = @ExampleObject(name = "finished", value = Examples.REPORT)))
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @APIResponse(responseCode = "404", ref = "RunNotFound")
  @APIResponse(responseCode = "503", ref = "RedisUnavailable")
  public Uni<RunReport> run(
      @Parameter(description = "The run's `run_id`.") @PathParam("id") String id,
      @Parameter(description = RunResource.TOKEN_DOC) @QueryParam("token") String token,
      @Parameter(hidden = true) @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    auth.check(authorization, token);
    return status
        .find(id)
        .map(
            found ->
                found.orElseThrow(
                    () ->
                        new ApiError(
                            404, "all_sites_cron_run_not_found", "No run with id " + id + ".")));
  }

  private static int parseLimit(String raw) {
    try {
      int value = Integer.parseInt(raw.trim());
      if (value >= 1 && value <= MAX_LISTED_RUNS) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ApiError.invalidParam("limit", "must be a whole number from 1 to " + MAX_LISTED_RUNS);
  }

  private static Map<String, Object> render(RunStatus.Snapshot snapshot) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("coordination", snapshot.coordination());
    body.put("current_run", snapshot.current().map(StatusResource::progress).orElse(null));
    body.put("queue", Map.of("length", snapshot.queue().length(), "dead", snapshot.queue().dead()));
    Map<String, Object> lock = new LinkedHashMap<>();
    lock.put("held", snapshot.lock().held());
    lock.put("owner", snapshot.lock().owner());
    lock.put("ttl_ms", snapshot.lock().ttlMs());
    body.put("lock", lock);
    body.put("cooldown", Map.of("remaining_s", snapshot.cooldownRemainingSeconds()));
    body.put("recent_runs", snapshot.recent());
    return body;
  }

  private static Map<String, Object> progress(RunReport report) {
    Map<String, Object> current = new LinkedHashMap<>();
    current.put("run_id", report.runId());
    current.put("trigger", report.trigger());
    current.put("started_at", report.startedAt());
    current.put("done", report.count());
    current.put("total", report.total());
    current.put("errors", report.errors());
    return current;
  }
}
