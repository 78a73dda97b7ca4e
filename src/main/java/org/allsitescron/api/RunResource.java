package org.allsitescron.api;

import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Optional;
import org.allsitescron.coordination.CoordinationMode;
import org.allsitescron.coordination.ReplicaIdentity;
import org.allsitescron.run.JobRunner;
import org.allsitescron.run.RunService;
import org.allsitescron.run.Trigger;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The triggers: {@code /run} (parse the flags, hand to {@link RunService}, render) and {@code
 * /process-queue} (what the plugin's external worker called). The token is checked by {@link
 * TokenAuth} before; refusals of {@code /run} are counted by {@link AdmissionRefusals}. What each
 * does and its parameters are described in {@code META-INF/openapi.yaml}.
 */
@Path(Aliases.BASE)
@Produces({MediaType.APPLICATION_JSON, "text/plain"})
@Protected
public class RunResource {

  @Inject RunService runs;
  @Inject JobRunner jobs;
  @Inject ReplicaIdentity replica;
  @Inject CoordinationMode mode;

  @GET
  @Path("run")
  @AdmissionRefusals.Counted
  public Uni<Response> runGet(@Context UriInfo uri) {
    return run(Query.of(uri), false);
  }

  @POST
  @Path("run")
  @AdmissionRefusals.Counted
  public Uni<Response> runPost(@Context UriInfo uri) {
    return run(Query.of(uri), false);
  }

  /**
   * A HEAD is answered as a dry run: it checks the token and reads the sites but requests none.
   * HTTP calls HEAD safe, and link checkers and probes send it; it must not start a run.
   */
  @HEAD
  @Path("run")
  @AdmissionRefusals.Counted
  @Operation(hidden = true) // described in GET's description
  public Uni<Response> runHead(@Context UriInfo uri) {
    return run(Query.of(uri), true);
  }

  @POST
  @Path("process-queue")
  public Uni<Response> processQueue(@Context UriInfo uri) {
    boolean ga = Query.of(uri).flag("ga");
    return jobs.runNext(replica.name(), Trigger.PROCESS_QUEUE)
        .map(result -> Answers.job(result, ga));
  }

  private Uni<Response> run(Query query, boolean head) {
    boolean ga = query.flag("ga");
    boolean deferred = query.flag("defer");
    boolean dry = query.flag("dry_run") || head;
    Optional<String> site = query.get("site");
    if (site.isPresent()) {
      return runSite(site.get(), deferred || dry, ga);
    }
    return dry
        ? runs.preview().map(preview -> Answers.preview(preview, ga))
        : runs.trigger(deferred).map(result -> Answers.trigger(result, ga, mode.isRedis()));
  }

  /** {@code ?site=}: one site, now, backed off or not; a synchronous run only. */
  private Uni<Response> runSite(String site, boolean deferredOrDry, boolean ga) {
    if (site.isBlank()) {
      throw ApiError.invalidParam("site", "must be a blog_id or a site URL");
    }
    if (deferredOrDry) {
      throw ApiError.invalidParam(
          "site", "only with a synchronous run (not with defer, dry_run or HEAD)");
    }
    return runs.runSite(site)
        .map(
            result ->
                Answers.trigger(
                    result.orElseThrow(() -> ApiError.siteNotFound(site)), ga, mode.isRedis()));
  }
}
