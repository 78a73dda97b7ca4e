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
import org.allsitescron.run.RunReport;
import org.allsitescron.run.RunStatus;

/** What is going on: {@code /status}, {@code /runs} and {@code /runs/{id}}. */
@Path("{namespace: (wp-json/)?all-sites-cron/v1}")
@Produces(MediaType.APPLICATION_JSON)
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
  public Uni<Map<String, Object>> status(
      @QueryParam("token") String token,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    auth.check(authorization, token);
    return status.snapshot().map(StatusResource::render);
  }

  @GET
  @Path("runs")
  public Uni<Map<String, Object>> runs(
      @QueryParam("limit") @DefaultValue("20") String limit,
      @QueryParam("token") String token,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    auth.check(authorization, token);
    int count = parseLimit(limit);
    return status.recent(count).map(reports -> Map.of("runs", reports));
  }

  @GET
  @Path("runs/{id}")
  public Uni<RunReport> run(
      @PathParam("id") String id,
      @QueryParam("token") String token,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
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
