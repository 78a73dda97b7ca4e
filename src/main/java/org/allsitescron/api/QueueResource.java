package org.allsitescron.api;

import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.allsitescron.coordination.ReplicaIdentity;
import org.allsitescron.run.JobRunner;
import org.allsitescron.run.Trigger;

/**
 * {@code /process-queue}: what the plugin's external worker called. What it does and its parameter
 * are described in {@code META-INF/openapi.yaml}.
 */
@Path(Aliases.BASE + "/process-queue")
@Produces({MediaType.APPLICATION_JSON, "text/plain"})
@Protected
public class QueueResource {

  @Inject JobRunner jobs;
  @Inject ReplicaIdentity replica;

  @POST
  public Uni<Response> processQueue(@Context UriInfo uri) {
    boolean ga = Query.of(uri).flag("ga");
    return jobs.runNext(replica.name(), Trigger.PROCESS_QUEUE)
        .map(result -> Answers.job(result, ga));
  }
}
