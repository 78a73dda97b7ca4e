package org.allsitescron.worker;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.allsitescron.config.CronConfig;
import org.allsitescron.coordination.CoordinationUnavailableException;
import org.allsitescron.coordination.JobQueue;
import org.allsitescron.coordination.ReplicaIdentity;

/**
 * Takes back the jobs of replicas that died mid-run (their heartbeat expired): at start-up, and
 * then every few heartbeats, on every replica; whoever notices first puts them back.
 */
@ApplicationScoped
public class OrphanRecovery {

  private static final Duration STARTUP_WAIT = Duration.ofSeconds(10);

  private final JobQueue queue;
  private final ReplicaIdentity replica;

  OrphanRecovery(JobQueue queue, ReplicaIdentity replica) {
    this.queue = queue;
    this.replica = replica;
  }

  /**
   * Announces this replica, then recovers what dead ones left ("activation"); only where the worker
   * runs (not, for instance, in the {@code cleanup} command).
   */
  void onStart(@Observes StartupEvent event, CronConfig config) {
    if (!config.worker().enabled()) {
      return;
    }
    try {
      queue.heartbeat(replica.name()).chain(this::recover).await().atMost(STARTUP_WAIT);
    } catch (CoordinationUnavailableException e) {
      // Logged once as a Redis outage by the Redis client; this is the detail.
      Log.debugf("Orphaned jobs not recovered at start-up: %s", e.getMessage());
    }
  }

  @Scheduled(
      identity = "orphan-recovery",
      every = "{all-sites-cron.worker.heartbeat-interval}",
      delayed = "{all-sites-cron.worker.heartbeat-interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> recover() {
    return queue
        .recoverOrphans()
        .replaceWithVoid()
        .onFailure(CoordinationUnavailableException.class)
        .recoverWithNull();
  }
}
