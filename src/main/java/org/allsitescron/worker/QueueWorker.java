package org.allsitescron.worker;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.allsitescron.coordination.CoordinationUnavailableException;
import org.allsitescron.coordination.ReplicaIdentity;
import org.allsitescron.run.JobResult;
import org.allsitescron.run.JobRunner;

/**
 * The drain on every replica: each {@code worker.poll-interval} it takes one due job and carries it
 * out. Skipped while the worker is disabled or the service is stopping.
 */
@ApplicationScoped
public class QueueWorker {

  private final JobRunner jobs;
  private final ReplicaIdentity replica;

  QueueWorker(JobRunner jobs, ReplicaIdentity replica) {
    this.jobs = jobs;
    this.replica = replica;
  }

  @Scheduled(
      identity = "queue-worker",
      every = "{all-sites-cron.worker.poll-interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = WorkerSwitch.class)
  Uni<Void> poll() {
    return drainOnce()
        .replaceWithVoid()
        // A Redis outage is logged once by the Redis client, not at every poll.
        .onFailure(CoordinationUnavailableException.class)
        .recoverWithNull();
  }

  /** Takes and carries out at most one due job; what tests call instead of the schedule. */
  public Uni<JobResult> drainOnce() {
    return jobs.runNext(replica.name(), null);
  }
}
