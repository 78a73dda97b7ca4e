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
import org.allsitescron.run.RunService;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The trigger, {@code /run}: parse the flags, hand to {@link RunService}, render. The token is
 * checked by {@link TokenAuth} before; refusals are counted by {@link AdmissionRefusals}. What it
 * does and its flags are described in {@code META-INF/openapi.yaml}.
 */
@Path(Aliases.BASE + "/run")
@Produces({MediaType.APPLICATION_JSON, "text/plain"})
@Protected
@AdmissionRefusals.Counted
public class RunResource {

  @Inject RunService runs;
  @Inject CoordinationMode mode;

  @GET
  public Uni<Response> runGet(@Context UriInfo uri) {
    return run(Query.of(uri), false);
  }

  @POST
  public Uni<Response> runPost(@Context UriInfo uri) {
    return run(Query.of(uri), false);
  }

  /**
   * A HEAD is answered as a dry run: it checks the token and reads the sites but requests none.
   * HTTP calls HEAD safe, and link checkers and probes send it; it must not start a run.
   */
  @HEAD
  @Operation(hidden = true) // described in GET's description
  public Uni<Response> runHead(@Context UriInfo uri) {
    return run(Query.of(uri), true);
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
