package org.allsitescron.ops;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.allsitescron.config.CronConfig;
import org.allsitescron.run.RunService;
import org.allsitescron.worker.WorkerSwitch;

/**
 * "Deactivation": takes no further job, lets the current run finish within {@code shutdown-grace},
 * else stops it (its job goes back into the queue) and waits for the requests in flight; the run
 * releases its lock as it ends.
 */
@ApplicationScoped
public class Shutdown {

  private static final Duration POLL = Duration.ofMillis(100);

  void onStop(
      @Observes ShutdownEvent event, WorkerSwitch worker, RunService runs, CronConfig config) {
    worker.stop();
    if (!runs.isRunning()) {
      return;
    }
    Log.infof("Shutting down: waiting up to %s for the current run", config.shutdownGrace());
    if (waitForRuns(runs, config.shutdownGrace())) {
      return;
    }
    Log.warn("The run did not finish within shutdown-grace: stopping it; its job goes back");
    runs.abortAll();
    if (!waitForRuns(runs, config.requestTimeout().plusSeconds(5))) {
      Log.error("The run is still going at exit; its lock will expire after lock-timeout");
    }
  }

  private static boolean waitForRuns(RunService runs, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (runs.isRunning() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return !runs.isRunning();
      }
    }
    return !runs.isRunning();
  }
}
