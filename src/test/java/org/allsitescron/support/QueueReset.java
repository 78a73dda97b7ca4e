package org.allsitescron.support;

import java.time.Duration;
import org.allsitescron.run.JobResult;
import org.allsitescron.worker.QueueWorker;

/** A clean start for a test that runs the service: no job an earlier test left, sites reset. */
public final class QueueReset {

  private static final Duration WAIT = Duration.ofSeconds(30);

  private QueueReset() {}

  /** Drains the queue (each job waited for at most 30 s) and resets the stand-in sites. */
  public static void emptyQueueAndResetSites(QueueWorker worker, SiteServer sites) {
    while (!(worker.drainOnce().await().atMost(WAIT) instanceof JobResult.NoJob)) {
      // drain what an earlier test left
    }
    sites.reset();
  }
}
