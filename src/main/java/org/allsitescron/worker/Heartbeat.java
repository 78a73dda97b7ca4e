package org.allsitescron.worker;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.allsitescron.coordination.CoordinationUnavailableException;
import org.allsitescron.coordination.JobQueue;
import org.allsitescron.coordination.ReplicaIdentity;
import org.allsitescron.run.RunReports;

/**
 * Keeps this replica's heartbeat alive, including while it runs a long job, so no other replica
 * takes its jobs back. Runs whether or not the worker drains, since {@code /process-queue} takes
 * jobs under the same name. Also stores the final reports Redis refused while it was down.
 */
@ApplicationScoped
public class Heartbeat {

  private final JobQueue queue;
  private final ReplicaIdentity replica;
  private final RunReports reports;

  Heartbeat(JobQueue queue, ReplicaIdentity replica, RunReports reports) {
    this.queue = queue;
    this.replica = replica;
    this.reports = reports;
  }

  @Scheduled(
      identity = "heartbeat",
      every = "{all-sites-cron.worker.heartbeat-interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> beat() {
    return queue
        .heartbeat(replica.name())
        // Final reports Redis refused during an outage are stored as soon as it takes writes.
        .chain(reports::savePending)
        // A Redis outage is logged once by the Redis client, not at every beat.
        .onFailure(CoordinationUnavailableException.class)
        .recoverWithNull();
  }
}
