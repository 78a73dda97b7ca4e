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
import org.allsitescron.api.doc.Bodies;
import org.allsitescron.api.doc.Examples;
import org.allsitescron.coordination.CoordinationMode;
import org.allsitescron.coordination.ReplicaIdentity;
import org.allsitescron.run.JobResult;
import org.allsitescron.run.JobRunner;
import org.allsitescron.run.RunEvents;
import org.allsitescron.run.RunEvents.Verdict;
import org.allsitescron.run.RunService;
import org.allsitescron.run.Trigger;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The triggers: {@code /run} (also under {@code /wp-json} and the legacy {@code dss-cron/v1}) and
 * {@code /process-queue}. Thin: parse, authenticate, hand to {@link RunService}, render.
 */
@Path("")
@Produces({MediaType.APPLICATION_JSON, "text/plain"})
@Tag(name = "Runs")
public class RunResource {

  static final String RUN_DOC =
      "Finds every eligible site and requests its `wp-cron.php`, then answers with the report;"
          + " with `defer=1` queues the run instead, with `dry_run=1` only lists the sites. Admission:"
          + " auth, cooldown (`429`), lock (`409`). GET and POST are the same. Also served under"
          + " `/wp-json/all-sites-cron/v1/run` and, deprecated, `/dss-cron/v1/run` and"
          + " `/wp-json/dss-cron/v1/run`.";

  static final String TOKEN_DOC =
      "The token, for callers that cannot send `Authorization: Bearer <token>`.";

  private final RunService runs;
  private final JobRunner jobs;
  private final TokenAuth auth;
  private final CoordinationMode mode;
  private final ReplicaIdentity replica;
  private final RunEvents events;

  RunResource(
      RunService runs,
      JobRunner jobs,
      TokenAuth auth,
      CoordinationMode mode,
      ReplicaIdentity replica,
      RunEvents events) {
    this.runs = runs;
    this.jobs = jobs;
    this.auth = auth;
    this.mode = mode;
    this.replica = replica;
    this.events = events;
  }

  @GET
  @Path("{namespace: (wp-json/)?(all-sites-cron|dss-cron)/v1}/run")
  @Operation(operationId = "runGet", summary = "Trigger a run", description = RUN_DOC)
  @Parameter(ref = "ga", name = "ga", in = ParameterIn.QUERY)
  @Parameter(ref = "defer", name = "defer", in = ParameterIn.QUERY)
  @Parameter(ref = "dry_run", name = "dry_run", in = ParameterIn.QUERY)
  @Parameter(ref = "site", name = "site", in = ParameterIn.QUERY)
  @APIResponse(responseCode = "200", ref = "RunAnswer")
  @APIResponse(responseCode = "202", ref = "QueuedAnswer")
  @APIResponse(responseCode = "400", ref = "InvalidParam")
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @APIResponse(responseCode = "404", ref = "SiteNotFound")
  @APIResponse(responseCode = "409", ref = "Locked")
  @APIResponse(responseCode = "429", ref = "RateLimited")
  @APIResponse(responseCode = "500", ref = "RunAborted")
  @APIResponse(responseCode = "503", ref = "RedisUnavailable")
  public Uni<Response> runGet(
      @Context UriInfo uri,
      @Parameter(description = TOKEN_DOC) @QueryParam("token") String token,
      @Parameter(hidden = true) @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return run(uri, token, authorization);
  }

  @POST
  @Path("{namespace: (wp-json/)?(all-sites-cron|dss-cron)/v1}/run")
  @Operation(operationId = "runPost", summary = "Trigger a run (POST)", description = RUN_DOC)
  @Parameter(ref = "ga", name = "ga", in = ParameterIn.QUERY)
  @Parameter(ref = "defer", name = "defer", in = ParameterIn.QUERY)
  @Parameter(ref = "dry_run", name = "dry_run", in = ParameterIn.QUERY)
  @Parameter(ref = "site", name = "site", in = ParameterIn.QUERY)
  @APIResponse(responseCode = "200", ref = "RunAnswer")
  @APIResponse(responseCode = "202", ref = "QueuedAnswer")
  @APIResponse(responseCode = "400", ref = "InvalidParam")
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @APIResponse(responseCode = "404", ref = "SiteNotFound")
  @APIResponse(responseCode = "409", ref = "Locked")
  @APIResponse(responseCode = "429", ref = "RateLimited")
  @APIResponse(responseCode = "500", ref = "RunAborted")
  @APIResponse(responseCode = "503", ref = "RedisUnavailable")
  public Uni<Response> runPost(
      @Context UriInfo uri,
      @Parameter(description = TOKEN_DOC) @QueryParam("token") String token,
      @Parameter(hidden = true) @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return run(uri, token, authorization);
  }

  @POST
  @Path("{namespace: (wp-json/)?all-sites-cron/v1}/process-queue")
  @Operation(
      operationId = "processQueue",
      summary = "Run the next queued job now",
      description =
          "Takes one due job from the queue and runs it now with trigger `process-queue` (what the"
              + " plugin's external worker called). A job that cannot get the lock goes back to the"
              + " queue (`409`); past `redis.max-retries`, or unreadable, to the dead-letter list."
              + " Also served under `/wp-json/all-sites-cron/v1/process-queue`.")
  @Parameter(ref = "ga", name = "ga", in = ParameterIn.QUERY)
  @APIResponse(
      responseCode = "200",
      description = "The job ran (its report), or there was none, or it was dead-lettered.",
      content = {
        @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(anyOf = {Bodies.RunFinished.class, Bodies.QueueMessage.class}),
            examples = @ExampleObject(name = "no_jobs", value = Examples.NO_JOBS)),
        @Content(
            mediaType = "text/plain",
            schema = @Schema(type = SchemaType.STRING),
            examples = @ExampleObject(name = "ga", value = "::notice::No jobs in queue\n"))
      })
  @APIResponse(responseCode = "400", ref = "InvalidParam")
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @APIResponse(
      responseCode = "409",
      description = "The lock is held; the job was put back for a later attempt.",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = Bodies.ErrorBody.class),
              examples = @ExampleObject(name = "requeued", value = Examples.REQUEUED)))
  @APIResponse(responseCode = "500", ref = "RunAborted")
  @APIResponse(responseCode = "503", ref = "RedisUnavailable")
  public Uni<Response> processQueue(
      @Context UriInfo uri,
      @Parameter(description = TOKEN_DOC) @QueryParam("token") String token,
      @Parameter(hidden = true) @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    boolean gaMode = Flags.read(uri, "ga");
    auth.check(authorization, token);
    return jobs.runNext(replica.name(), Trigger.PROCESS_QUEUE)
        .map(result -> processed(result, gaMode));
  }

  private Uni<Response> run(UriInfo uri, String token, String authorization) {
    boolean gaMode;
    boolean deferred;
    boolean dry;
    String site;
    try {
      gaMode = Flags.read(uri, "ga");
      deferred = Flags.read(uri, "defer");
      dry = Flags.read(uri, "dry_run");
      site = siteParameter(uri, deferred || dry);
      auth.check(authorization, token);
    } catch (ApiError refused) {
      events.refused(verdict(refused));
      throw refused;
    }
    if (site != null) {
      return runs.runSite(site).map(result -> Answers.trigger(result, gaMode, mode.isRedis()));
    }
    return dry
        ? runs.preview().map(preview -> Answers.preview(preview, gaMode))
        : runs.trigger(deferred).map(result -> Answers.trigger(result, gaMode, mode.isRedis()));
  }

  /** {@code ?site=}: one site for a synchronous run; null when absent. */
  private static String siteParameter(UriInfo uri, boolean deferredOrDry) {
    String site = uri.getQueryParameters().getFirst("site");
    if (site == null) {
      return null;
    }
    if (site.isBlank()) {
      throw ApiError.invalidParam("site", "must be a blog_id or a site URL");
    }
    if (deferredOrDry) {
      throw ApiError.invalidParam(
          "site", "only with a synchronous run (not with defer or dry_run)");
    }
    return site;
  }

  /** The admission result of a trigger refused before admission (400, 401 or 403). */
  private static Verdict verdict(ApiError refused) {
    return switch (refused.status()) {
      case 401 -> Verdict.UNAUTHORIZED;
      case 403 -> Verdict.FORBIDDEN;
      default -> Verdict.INVALID;
    };
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
