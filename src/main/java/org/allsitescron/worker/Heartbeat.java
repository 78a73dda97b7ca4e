package org.allsitescron.worker;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.allsitescron.coordination.JobQueue;
import org.allsitescron.coordination.ReplicaIdentity;

/**
 * Keeps this replica's heartbeat alive, including while it runs a long job, so no other replica
 * takes its jobs back. Runs whether or not the worker drains, since {@code /process-queue} takes
 * jobs under the same name.
 */
@ApplicationScoped
public class Heartbeat {

  private final JobQueue queue;
  private final ReplicaIdentity replica;

  Heartbeat(JobQueue queue, ReplicaIdentity replica) {
    this.queue = queue;
    this.replica = replica;
  }

  @Scheduled(
      identity = "heartbeat",
      every = "{all-sites-cron.worker.heartbeat-interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> beat() {
    return queue.heartbeat(replica.name());
  }
}
