package org.allsitescron.run;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.allsitescron.dispatch.Outcome;
import org.allsitescron.dispatch.SiteOutcome;

/** The running count of one run, fed outcome by outcome from any thread. */
final class RunTally {

  private final String runId;
  private final Trigger trigger;
  private final long fence;
  private final Instant startedAt = Instant.now();
  private final List<SiteOutcome> failed = new ArrayList<>();
  private long total;
  private long count;
  private long ok;
  private long errors;
  private long timeouts;
  private volatile String abortReason;
  private volatile boolean broken;

  RunTally(String runId, Trigger trigger, long fence) {
    this.runId = runId;
    this.trigger = trigger;
    this.fence = fence;
  }

  String runId() {
    return runId;
  }

  Trigger trigger() {
    return trigger;
  }

  synchronized void expect(long total) {
    this.total = total;
  }

  synchronized void add(SiteOutcome outcome) {
    count++;
    switch (outcome.outcome()) {
      case OK -> ok++;
      case TIMEOUT -> timeouts++;
      case HTTP_ERROR, CONNECT_ERROR -> errors++;
      case STILL_DUE, NOT_REQUESTED -> {
        // counted by their cron outcome
      }
    }
    boolean failing = outcome.outcome() != Outcome.OK && outcome.outcome() != Outcome.NOT_REQUESTED;
    if (failing && failed.size() < RunReport.FAILED_SITES_KEPT) {
      failed.add(outcome);
    }
  }

  /** Stops the run from taking further sites; the first reason wins. */
  void abort(String reason) {
    if (abortReason == null) {
      abortReason = reason;
    }
  }

  /** The run cannot go on (its site source failed); it ends {@code aborted} whatever it did. */
  void fail(String reason) {
    abort(reason);
    broken = true;
  }

  boolean isAborted() {
    return abortReason != null;
  }

  synchronized RunReport snapshot() {
    return report(RunState.RUNNING, null);
  }

  /** Finished, unless an abort left sites unrequested (an abort after the last site is moot). */
  synchronized RunReport finish() {
    boolean cutShort = broken || (isAborted() && count < total);
    return report(cutShort ? RunState.ABORTED : RunState.FINISHED, Instant.now());
  }

  private RunReport report(RunState state, Instant finishedAt) {
    String reason = state == RunState.ABORTED ? abortReason : null;
    Instant end = finishedAt == null ? Instant.now() : finishedAt;
    return new RunReport(
        runId,
        trigger,
        state,
        startedAt,
        finishedAt,
        Duration.between(startedAt, end).toMillis(),
        total,
        count,
        ok,
        errors,
        timeouts,
        List.copyOf(failed),
        fence,
        reason);
  }
}
