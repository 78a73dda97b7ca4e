package org.allsitescron.ops;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.allsitescron.run.Outcome;
import org.allsitescron.run.RunEvents.RunEnded;
import org.allsitescron.run.RunEvents.SiteDone;
import org.allsitescron.run.RunReport;
import org.allsitescron.run.SiteOutcome;

/**
 * Failed sites (errors and timeouts) at WARN without flooding the log: one line each for the first
 * {@value #PER_RUN} of a run, then, when the run ends, one line saying how many more there were.
 * The run's report keeps the failed sites themselves.
 */
@ApplicationScoped
public class FailedSiteLog {

  /** Failed sites of one run logged one by one. */
  static final int PER_RUN = 20;

  /** Runs tracked at once; a process runs one at a time, so more means ends were missed. */
  private static final int MAX_TRACKED_RUNS = 16;

  private final Map<String, AtomicInteger> failuresByRun = new ConcurrentHashMap<>();

  void onSiteDone(@Observes SiteDone done) {
    SiteOutcome site = done.outcome();
    if (site.outcome() == Outcome.OK
        || site.outcome() == Outcome.NOT_REQUESTED
        || site.outcome() == Outcome.BACKOFF) {
      return;
    }
    if (failuresByRun.size() >= MAX_TRACKED_RUNS && !failuresByRun.containsKey(done.runId())) {
      failuresByRun.clear();
    }
    int failures =
        failuresByRun.computeIfAbsent(done.runId(), id -> new AtomicInteger()).incrementAndGet();
    if (failures <= PER_RUN) {
      Log.warnf(
          "Run %s: site %s failed: %s, %s (%d ms)",
          done.runId(),
          oneLine(site.url()),
          site.outcome().label(),
          oneLine(site.error()),
          site.durationMs());
    }
  }

  void onRunEnded(@Observes RunEnded ended) {
    String runId = ended.report().runId();
    AtomicInteger failures = failuresByRun.remove(runId);
    if (failures != null && failures.get() > PER_RUN) {
      Log.warnf(
          "Run %s: %d more failed sites not logged (%d in all); GET /all-sites-cron/v1/runs/%s"
              + " lists up to %d",
          runId, failures.get() - PER_RUN, failures.get(), runId, RunReport.FAILED_SITES_KEPT);
    }
  }

  /** Text from a site on one line: no site can forge log lines. */
  static String oneLine(String text) {
    return text == null ? "" : text.replaceAll("\\p{Cntrl}", " ");
  }
}
