package org.allsitescron.run;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.allsitescron.dispatch.CronOutcome;
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
  private long requested;
  private final long[] cron = new long[CronOutcome.values().length];
  private long lockSeen;
  private long oldestOverdue;
  private volatile String cronMode;
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

  /** Counts cron outcomes from now on, and reports them under {@code mode}. */
  void checkCron(String mode) {
    this.cronMode = mode;
  }

  /** A watched site's WordPress lock showed in the database. */
  synchronized void lockSeen() {
    lockSeen++;
  }

  synchronized void add(SiteOutcome outcome) {
    count++;
    if (outcome.outcome() != Outcome.NOT_REQUESTED) {
      requested++;
    }
    if (outcome.cron() != null) {
      cron[outcome.cron().ordinal()]++;
    }
    if (outcome.oldestOverdueSeconds() != null) {
      oldestOverdue = Math.max(oldestOverdue, outcome.oldestOverdueSeconds());
    }
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
        reason,
        requested,
        cronMode == null ? null : cronCounts());
  }

  private CronCounts cronCounts() {
    return new CronCounts(
        cronMode,
        cron[CronOutcome.RAN.ordinal()],
        cron[CronOutcome.STILL_DUE.ordinal()],
        cron[CronOutcome.NOT_DUE.ordinal()],
        cron[CronOutcome.BUSY.ordinal()],
        cron[CronOutcome.UNKNOWN.ordinal()],
        lockSeen,
        oldestOverdue);
  }
}
