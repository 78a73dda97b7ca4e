package org.allsitescron.api;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import org.allsitescron.coordination.CoordinationMode;
import org.allsitescron.coordination.ReplicaIdentity;
import org.allsitescron.run.JobResult;
import org.allsitescron.run.JobRunner;
import org.allsitescron.run.RunService;
import org.allsitescron.run.Trigger;

/**
 * The triggers: {@code /run} (also under {@code /wp-json} and the legacy {@code dss-cron/v1}) and
 * {@code /process-queue}. Thin: parse, authenticate, hand to {@link RunService}, render.
 */
@Path("")
@Produces({MediaType.APPLICATION_JSON, "text/plain"})
public class RunResource {

  private final RunService runs;
  private final JobRunner jobs;
  private final TokenAuth auth;
  private final CoordinationMode mode;
  private final ReplicaIdentity replica;

  RunResource(
      RunService runs,
      JobRunner jobs,
      TokenAuth auth,
      CoordinationMode mode,
      ReplicaIdentity replica) {
    this.runs = runs;
    this.jobs = jobs;
    this.auth = auth;
    this.mode = mode;
    this.replica = replica;
  }

  @GET
  @Path("{namespace: (wp-json/)?(all-sites-cron|dss-cron)/v1}/run")
  public Uni<Response> runGet(
      @Context UriInfo uri,
      @QueryParam("token") String token,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return run(uri, token, authorization);
  }

  @POST
  @Path("{namespace: (wp-json/)?(all-sites-cron|dss-cron)/v1}/run")
  public Uni<Response> runPost(
      @Context UriInfo uri,
      @QueryParam("token") String token,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return run(uri, token, authorization);
  }

  @POST
  @Path("{namespace: (wp-json/)?all-sites-cron/v1}/process-queue")
  public Uni<Response> processQueue(
      @Context UriInfo uri,
      @QueryParam("token") String token,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    boolean gaMode = Flags.read(uri, "ga");
    auth.check(authorization, token);
    return jobs.runNext(replica.name(), Trigger.PROCESS_QUEUE)
        .map(result -> processed(result, gaMode));
  }

  private Uni<Response> run(UriInfo uri, String token, String authorization) {
    boolean gaMode = Flags.read(uri, "ga");
    boolean deferred = Flags.read(uri, "defer");
    boolean dry = Flags.read(uri, "dry_run");
    auth.check(authorization, token);
    return dry
        ? runs.preview().map(preview -> Answers.preview(preview, gaMode))
        : runs.trigger(deferred).map(result -> Answers.trigger(result, gaMode, mode.isRedis()));
  }

  private Response processed(JobResult result, boolean ga) {
    if (result instanceof JobResult.Ran ran) {
      return Answers.ran(ran.report(), ga);
    }
    if (result instanceof JobResult.Requeued requeued) {
      throw new ApiError(
          409,
          "all_sites_cron_locked",
          "Another cron process is currently running; the job was put back (retry "
              + requeued.retries()
              + ").");
    }
    if (result instanceof JobResult.Buried buried) {
      return Answers.message(
          200,
          false,
          "Job moved to the dead-letter list: " + buried.reason(),
          ga,
          Map.of("run_id", String.valueOf(buried.runId())));
    }
    return Answers.message(200, true, "No jobs in queue", ga, Map.of());
  }
}
