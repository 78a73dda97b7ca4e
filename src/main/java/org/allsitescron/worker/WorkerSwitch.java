package org.allsitescron.worker;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicBoolean;
import org.allsitescron.config.CronConfig;

/** Whether the worker may take jobs: enabled in the configuration and not shutting down. */
@Singleton
public class WorkerSwitch implements Scheduled.SkipPredicate {

  private final boolean enabled;
  private final AtomicBoolean stopping = new AtomicBoolean();

  WorkerSwitch(CronConfig config) {
    this.enabled = config.worker().enabled();
  }

  @Override
  public boolean test(ScheduledExecution execution) {
    return !enabled || stopping.get();
  }

  /** Takes no further job from now on (shutdown). */
  public void stop() {
    stopping.set(true);
  }
}
