package org.allsitescron.ops;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import org.allsitescron.coordination.CoordinationMode;
import org.allsitescron.coordination.CoordinationUnavailableException;
import org.allsitescron.coordination.redis.RedisServer;

/**
 * Warns loudly at start-up when Redis may evict keys: an evicted lock lets runs overlap, an evicted
 * queue loses jobs.
 */
@ApplicationScoped
public class RedisEvictionCheck {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  void onStart(@Observes StartupEvent event, CoordinationMode mode, Instance<RedisServer> redis) {
    if (!mode.isRedis()) {
      return;
    }
    try {
      String policy = redis.get().evictionPolicy().await().atMost(TIMEOUT);
      if (!RedisServer.NO_EVICTION.equals(policy)) {
        Log.warnf(
            "!!! Redis maxmemory-policy is '%s', not 'noeviction': under memory pressure Redis may"
                + " evict the run lock (runs overlap) or the job queue (jobs are lost)."
                + " Set 'maxmemory-policy noeviction' for this Redis. !!!",
            policy);
      }
    } catch (CoordinationUnavailableException e) {
      // The Redis client logs the outage once (WARN); readiness is DOWN until Redis works.
      Log.debugf("Eviction policy unknown at start-up: %s", e.getMessage());
    }
  }
}
