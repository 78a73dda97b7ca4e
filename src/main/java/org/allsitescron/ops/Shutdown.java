package org.allsitescron.ops;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.allsitescron.config.CronConfig;
import org.allsitescron.run.RunService;
import org.allsitescron.worker.WorkerSwitch;

/**
 * "Deactivation", for synchronous and queued runs alike: takes no further job nor run, lets the
 * current run finish within {@code shutdown-grace}, else stops it (a queued run's job goes back
 * with its checkpoint) and waits for the requests in flight; the run releases its lock as it ends.
 *
 * <p>It happens in Quarkus's pre-shutdown phase ({@code quarkus.shutdown.delay-enabled}), while the
 * HTTP listener still serves: the caller of a synchronous run gets its answer before the listener
 * closes (which then waits, {@code quarkus.shutdown.timeout}, for answers still being written), and
 * the HTTP client is still open for the requests in flight. The {@link ShutdownEvent} does the same
 * when that phase did not run (it returns at once when it did).
 */
@ApplicationScoped
public class Shutdown {

  private static final Duration POLL = Duration.ofMillis(100);

  private final AtomicBoolean drained = new AtomicBoolean();

  void onShutdownInitiated(
      @Observes ShutdownDelayInitiatedEvent event,
      WorkerSwitch worker,
      RunService runs,
      CronConfig config) {
    drain(worker, runs, config);
  }

  void onStop(
      @Observes ShutdownEvent event, WorkerSwitch worker, RunService runs, CronConfig config) {
    drain(worker, runs, config);
  }

  private void drain(WorkerSwitch worker, RunService runs, CronConfig config) {
    if (!drained.compareAndSet(false, true)) {
      return;
    }
    worker.stop();
    runs.stopTaking();
    if (!runs.isRunning()) {
      return;
    }
    Log.infof("Shutting down: waiting up to %s for the current run", config.shutdownGrace());
    if (waitForRuns(runs, config.shutdownGrace())) {
      return;
    }
    Log.warn("The run did not finish within shutdown-grace: stopping it; a queued run goes back");
    runs.abortAll();
    if (!waitForRuns(runs, config.requestTimeout().plusSeconds(10))) {
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
