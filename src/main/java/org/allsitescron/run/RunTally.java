package org.allsitescron.run;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.allsitescron.sites.Site;

/** The running count of one run, fed outcome by outcome from any thread. */
final class RunTally {

  private final String runId;
  private final Trigger trigger;
  private final long fence;
  private final Instant startedAt;
  private final ResumedFrom resumedFrom;
  private final List<SiteOutcome> failed = new ArrayList<>();
  private long total;
  private long count;
  private long ok;
  private long errors;
  private long timeouts;
  private long backoff;
  private long requested;
  private final long[] cron = new long[CronOutcome.values().length];
  private long lockSeen;
  private long oldestOverdue;
  private volatile String cronMode;
  private long duplicates;
  private final AtomicReference<String> abortReason = new AtomicReference<>();
  private volatile boolean broken;

  RunTally(String runId, Trigger trigger, long fence) {
    this.runId = runId;
    this.trigger = trigger;
    this.fence = fence;
    this.startedAt = Instant.now();
    this.resumedFrom = null;
  }

  /** A run taken over from {@code checkpoint}: its start, counts and failed sites go on. */
  RunTally(String runId, Trigger trigger, long fence, Checkpoint checkpoint) {
    RunReport before = checkpoint.report();
    this.runId = runId;
    this.trigger = trigger;
    this.fence = fence;
    this.startedAt = before.startedAt();
    this.resumedFrom = new ResumedFrom(checkpoint.after(), before.count());
    this.count = before.count();
    this.ok = before.ok();
    this.errors = before.errors();
    this.timeouts = before.timeouts();
    this.backoff = before.backoff();
    if (before.failedSites() != null) {
      this.failed.addAll(before.failedSites());
    }
    this.requested = before.requested();
    CronCounts cronBefore = before.cron();
    if (cronBefore != null) {
      this.cronMode = cronBefore.mode();
      cron[CronOutcome.RAN.ordinal()] = cronBefore.ran();
      cron[CronOutcome.STILL_DUE.ordinal()] = cronBefore.stillDue();
      cron[CronOutcome.NOT_DUE.ordinal()] = cronBefore.notDue();
      cron[CronOutcome.BUSY.ordinal()] = cronBefore.busy();
      cron[CronOutcome.UNKNOWN.ordinal()] = cronBefore.unknown();
      this.lockSeen = cronBefore.lockSeen();
      this.oldestOverdue = cronBefore.oldestOverdueSeconds();
    }
  }

  Instant startedAt() {
    return startedAt;
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
    if (outcome.outcome() == Outcome.BACKOFF) {
      backoff++;
      return;
    }
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
      case HTTP_ERROR, CONNECT_ERROR, TLS_ERROR -> errors++;
      case STILL_DUE, NOT_REQUESTED, BACKOFF -> {
        // counted by their cron outcome
      }
    }
    boolean failing = outcome.outcome() != Outcome.OK && outcome.outcome() != Outcome.NOT_REQUESTED;
    if (failing && failed.size() < RunReport.FAILED_SITES_KEPT) {
      failed.add(outcome);
    }
  }

  /** Whether to request {@code site}: false (and counted) for a duplicate of an earlier site. */
  synchronized boolean admit(Site site) {
    if (site.duplicate()) {
      duplicates++;
      return false;
    }
    return true;
  }

  /**
   * Stops the run from taking further sites; the first reason wins (one compare-and-set, so two
   * threads aborting at once cannot both win). Returns whether this call's reason won.
   */
  boolean abort(String reason) {
    return abortReason.compareAndSet(null, reason);
  }

  /**
   * The run cannot go on (its site source failed, or an unexpected error); it ends {@code aborted}
   * whatever it did.
   */
  void fail(String reason) {
    abort(reason);
    broken = true;
  }

  boolean isAborted() {
    return abortReason.get() != null;
  }

  /** Why the run was stopped; null while it is not. */
  String abortReason() {
    return abortReason.get();
  }

  synchronized RunReport snapshot() {
    return report(RunState.RUNNING, null);
  }

  /** Finished, unless an abort left sites unrequested (an abort after the last site is moot). */
  synchronized RunReport finish() {
    boolean cutShort = broken || (isAborted() && count + duplicates < total);
    return report(cutShort ? RunState.ABORTED : RunState.FINISHED, Instant.now());
  }

  private RunReport report(RunState state, Instant finishedAt) {
    String reason = state == RunState.ABORTED ? abortReason.get() : null;
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
        duplicates,
        List.copyOf(failed),
        fence,
        reason,
        resumedFrom,
        backoff,
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
