package org.allsitescron.run;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.allsitescron.config.CronConfig;
import org.allsitescron.coordination.Admission;
import org.allsitescron.coordination.CoordinationUnavailableException;
import org.allsitescron.coordination.Decision;
import org.allsitescron.coordination.Job;
import org.allsitescron.coordination.Lease;
import org.allsitescron.coordination.RunLock;
import org.allsitescron.coordination.Ticket;
import org.allsitescron.dispatch.Dispatcher;
import org.allsitescron.sites.CronWatch;
import org.allsitescron.sites.Site;
import org.allsitescron.sites.SiteSource;
import org.allsitescron.sites.SiteSourceUnavailableException;

/**
 * The heart: given the lock, reads the sites, dispatches them, keeps the lock alive, and stores the
 * report. A run that loses its lock takes no further site and ends {@code aborted}.
 */
@ApplicationScoped
public class RunService {

  /** Why a run stopped when the service shut down; its job goes back into the queue. */
  public static final String SHUTDOWN = "shutdown";

  /** Why a run stopped when Redis said its lock is gone or someone else's. */
  public static final String LOCK_LOST = "lock lost";

  /** Why a run stopped when it could not confirm its lock before the lock could have expired. */
  public static final String LOCK_UNCONFIRMED = "lock unconfirmed";

  /** Longest time between two progress updates seen by {@code /status}. */
  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(2);

  /** Pause before a renewal that follows a failed one. */
  private static final Duration RETRY_PAUSE = Duration.ofMillis(100);

  /** Longest wait for Redis at the end of a run (final report, checkpoint, release). */
  private static final Duration FINAL_WAIT = Duration.ofSeconds(5);

  private final Admission admission;
  private final SiteSource sites;
  private final Dispatcher dispatcher;
  private final RunLock lock;
  private final RunReports reports;
  private final Checkpoints checkpoints;
  private final RunEvents events;
  private final SiteHealth health;
  private final int numberOfSites;
  private final long cooldownSeconds;
  private final Duration renewEvery;
  private final CronConfig.CronCheckMode cronMode;
  private final Duration pollInterval;
  private final Duration settleTimeout;
  private final Duration lockTimeout;
  private final Duration leaseMargin;
  private final Duration renewalTimeout;
  private final Set<RunTally> active = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean stopping = new AtomicBoolean();

  RunService(
      Admission admission,
      SiteSource sites,
      Dispatcher dispatcher,
      RunLock lock,
      RunReports reports,
      Checkpoints checkpoints,
      RunEvents events,
      SiteHealth health,
      CronConfig config) {
    this.admission = admission;
    this.sites = sites;
    this.dispatcher = dispatcher;
    this.lock = lock;
    this.reports = reports;
    this.checkpoints = checkpoints;
    this.events = events;
    this.health = health;
    this.numberOfSites = config.numberOfSites();
    this.cooldownSeconds = config.rateLimitSeconds();
    this.lockTimeout = config.lockTimeout();
    // Progress and checkpoints go with each renewal: at least every heartbeat interval too.
    this.renewEvery =
        min(min(lockTimeout.dividedBy(3), PROGRESS_EVERY), config.worker().heartbeatInterval());
    this.renewalTimeout = min(lockTimeout.dividedBy(4), PROGRESS_EVERY);
    this.leaseMargin = leaseMargin(lockTimeout);
    this.cronMode = config.effectiveCronCheckMode();
    this.pollInterval = config.cronCheck().pollInterval();
    this.settleTimeout = config.cronCheck().settleTimeout();
  }

  /**
   * Admits a {@code /run} trigger (cooldown, then lock) and, when admitted, runs it now or queues
   * it.
   */
  public Uni<TriggerResult> trigger(boolean deferred) {
    String runId = UUID.randomUUID().toString();
    Ticket ticket =
        deferred
            ? Ticket.deferred(Job.deferred(runId, System.currentTimeMillis()))
            : Ticket.sync(runId);
    // A sync run first makes sure it can read its sites: a database that is down or refusing
    // answers 503 before admission, so it uses up neither the cooldown nor the lock.
    Uni<Void> readable = deferred ? Uni.createFrom().voidItem() : sites.check();
    return readable.chain(() -> admission.admit(ticket)).invoke(events::admitted).chain(this::act);
  }

  /** What a run would request now, without requesting anything. */
  public Uni<Preview> preview() {
    // What a run would check first: a source a run could not read is no preview either.
    return sites
        .check()
        .chain(() -> sites.count(numberOfSites))
        .chain(
            count ->
                sites
                    .sites(Math.min(numberOfSites, Preview.LISTED))
                    .map(Site::displayUrl)
                    .collect()
                    .asList()
                    .map(urls -> new Preview(count, urls)));
  }

  private Uni<TriggerResult> act(Decision decision) {
    return decision.fold(
        accepted -> detached(run(Trigger.REST, accepted.lease())).map(TriggerResult.Ran::new),
        queued -> done(new TriggerResult.Queued(queued.runId(), false)),
        waiting -> done(new TriggerResult.Queued(waiting.runId(), true)),
        limited ->
            done(
                new TriggerResult.RateLimited(
                    limited.retryAfterSeconds(), cooldownSeconds, limited.lastRunEpochSeconds())),
        locked -> done(new TriggerResult.Locked()));
  }

  /**
   * Subscribes {@code work} on its own: a caller that hangs up (a CronJob's curl timeout) cancels
   * only its wait for the answer, never the run.
   */
  static <T> Uni<T> detached(Uni<T> work) {
    CompletableFuture<T> result = new CompletableFuture<>();
    work.subscribe().with(result::complete, result::completeExceptionally);
    return Uni.createFrom().completionStage(result);
  }

  private static Uni<TriggerResult> done(TriggerResult result) {
    return Uni.createFrom().item(result);
  }

  /** Runs over every eligible site under {@code lease}, which it releases at the end. */
  public Uni<RunReport> run(Trigger trigger, Lease lease) {
    return run(trigger, lease, Optional.empty(), false, null);
  }

  /**
   * A synchronous run of one site ({@code ?site=}, by {@code blog_id} or URL), requested even when
   * backed off; under the lock, outside the cooldown. Empty when no eligible site matches.
   */
  public Uni<Optional<TriggerResult>> runSite(String wanted) {
    return sites
        .sites(numberOfSites)
        .select()
        .where(site -> SiteMatch.matches(site, wanted))
        .toUni()
        .chain(
            site ->
                site == null
                    ? Uni.createFrom().item(Optional.<TriggerResult>empty())
                    : lockAndRun(UUID.randomUUID().toString(), site).map(Optional::of));
  }

  private Uni<TriggerResult> lockAndRun(String runId, Site site) {
    return lock.tryAcquire(runId)
        .chain(
            lease ->
                lease.isPresent()
                    ? detached(run(Trigger.REST, lease.get(), Optional.empty(), false, site))
                        .map(TriggerResult.Ran::new)
                    : done(new TriggerResult.Locked()));
  }

  /**
   * Takes the lock as {@code runId} and runs a queued job, from its checkpoint when another replica
   * left one; empty when the lock is held by someone else.
   */
  public Uni<Optional<RunReport>> runIfFree(String runId, Trigger trigger) {
    return lock.tryAcquire(runId)
        .chain(
            lease ->
                lease.isPresent()
                    ? resume(trigger, lease.get()).map(Optional::of)
                    : Uni.createFrom().item(Optional.<RunReport>empty()));
  }

  /** What a lease margin is: a fifth of the lock timeout, at most 5 s. */
  static Duration leaseMargin(Duration lockTimeout) {
    return min(lockTimeout.dividedBy(5), Duration.ofSeconds(5));
  }

  private Uni<RunReport> resume(Trigger trigger, Lease lease) {
    return bounded(checkpoints.find(lease.owner()), FINAL_WAIT)
        .onFailure()
        .call(() -> release(lease))
        .chain(from -> run(trigger, lease, from, true, null));
  }

  /** A run under {@code lease}: over every eligible site, or over {@code only} when set. */
  private Uni<RunReport> run(
      Trigger trigger, Lease lease, Optional<Checkpoint> from, boolean queued, Site only) {
    RunTally tally =
        from.map(c -> new RunTally(lease.owner(), trigger, lease.fence(), c))
            .orElseGet(() -> new RunTally(lease.owner(), trigger, lease.fence()));
    Progress progress =
        from.map(c -> new Progress(c, Dispatcher::reportedUrl))
            .orElseGet(() -> new Progress(Dispatcher::reportedUrl));
    LeaseKeeper keeper = new LeaseKeeper(lock, lease, lockTimeout, leaseMargin, renewalTimeout);
    Active run = new Active(tally, progress, keeper, queued);
    from.ifPresent(
        c ->
            Log.infof(
                "Run %s resumes after site %d with %d sites done",
                tally.runId(), c.after(), c.report().count()));
    active.add(tally);
    if (stopping.get()) {
      tally.abort(SHUTDOWN);
    }
    Uni<?> counted =
        only == null
            ? countSites(tally)
            : Uni.createFrom().item(only).invoke(site -> tally.expect(1));
    return counted
        .chain(() -> saveReport(tally.snapshot(), renewalTimeout))
        .chain(
            () ->
                tally.isAborted()
                    ? Uni.createFrom().voidItem()
                    : dispatchUnderLease(run, from, only))
        .map(ignored -> tally.finish())
        .chain(this::publish)
        .call(report -> settleCheckpoint(run, report))
        .eventually(() -> release(lease))
        .eventually(() -> active.remove(tally));
  }

  /** How many sites the run expects; a source that cannot be read fails the run, not the call. */
  private Uni<Long> countSites(RunTally tally) {
    return sites
        .count(numberOfSites)
        .onFailure(RunService::isRunFailure)
        .invoke(e -> stopped(tally, e))
        .onFailure(RunService::isRunFailure)
        .recoverWithItem(0L)
        .invoke(tally::expect)
        .invoke(
            total ->
                Log.infof(
                    "Run %s (%s) started: %d sites",
                    tally.runId(), tally.trigger().label(), total));
  }

  /**
   * The final report: to the store, the listeners and the log. A report Redis will not take ends
   * {@code aborted} with the reason, is stored as soon as Redis takes writes again, and reaches the
   * caller anyway (as the failure {@link UnrecordedRunException}).
   */
  private Uni<RunReport> publish(RunReport report) {
    return bounded(reports.save(report), FINAL_WAIT)
        .replaceWith(report)
        .invoke(this::ended)
        .onFailure(RunService::isRedisOutage)
        .transform(e -> unrecorded(report, e));
  }

  private UnrecordedRunException unrecorded(RunReport report, Throwable failure) {
    CoordinationUnavailableException cause =
        failure instanceof CoordinationUnavailableException known
            ? known
            : new CoordinationUnavailableException(
                CoordinationUnavailableException.Reason.UNREACHABLE,
                "Redis: " + failure.getMessage(),
                failure);
    RunReport aborted =
        report.abortedUnlessSo(
            "Redis unavailable (" + cause.reason().label() + ") when the report was stored");
    reports.saveLater(aborted);
    ended(aborted);
    return new UnrecordedRunException(aborted, cause);
  }

  /** Redis refusing, unreachable or silent: not a fault of the run, logged once elsewhere. */
  private static boolean isRedisOutage(Throwable failure) {
    return failure instanceof CoordinationUnavailableException
        || failure instanceof TimeoutException;
  }

  private void ended(RunReport report) {
    events.runEnded(report);
    logFinished(report);
  }

  /**
   * The run cannot go on: its site source failed ({@link SiteSourceUnavailableException}: the
   * report gets the safe reason, the source logs the details), or something else did, which is a
   * bug: the report says {@code internal error} with an id, and the log has the stack trace under
   * the same id. Either way the run ends {@code aborted} and is reported.
   */
  static void stopped(RunTally tally, Throwable failure) {
    if (failure instanceof SiteSourceUnavailableException source) {
      SiteSourceUnavailableException.Reason reason = source.reason();
      // The source logs its outage once; the run's own line says it stopped, and why.
      Log.debugf("Run %s: site source failed: %s", tally.runId(), failure.getMessage());
      tally.fail(RunReport.SOURCE_FAILED + " (" + reason.label() + "): " + reason.explanation());
      return;
    }
    String errorId = UUID.randomUUID().toString();
    Log.errorf(failure, "Run %s stopped by an unexpected error %s", tally.runId(), errorId);
    tally.fail(RunReport.INTERNAL_ERROR + " (error id " + errorId + ")");
  }

  /**
   * A queued run cut short by a shutdown leaves its checkpoint for the replica that takes its job
   * next. One that lost its lease leaves the last one it wrote alone: the job may be in another
   * replica's hands, resuming from it. Any other end forgets it.
   */
  private Uni<Void> settleCheckpoint(Active run, RunReport report) {
    if (!run.queued()) {
      return Uni.createFrom().voidItem();
    }
    if (SHUTDOWN.equals(report.abortReason())) {
      return saveCheckpoint(run, FINAL_WAIT);
    }
    if (LOCK_LOST.equals(report.abortReason()) || LOCK_UNCONFIRMED.equals(report.abortReason())) {
      return Uni.createFrom().voidItem();
    }
    return bounded(checkpoints.drop(report.runId()), FINAL_WAIT)
        .onFailure()
        .invoke(e -> Log.warnf("Checkpoint of run %s not removed: %s", report.runId(), e))
        .onFailure()
        .recoverWithNull();
  }

  /** The service is stopping: a run admitted from now on ends at once, {@code aborted}. */
  public void stopTaking() {
    stopping.set(true);
  }

  /** Stops every run of this process from taking further sites; they end {@code aborted}. */
  public void abortAll() {
    active.forEach(tally -> tally.abort(SHUTDOWN));
  }

  /** Whether a run is going on in this process. */
  public boolean isRunning() {
    return !active.isEmpty();
  }

  /**
   * A first renewal (and the first progress report) before any site: the admission's answer may
   * have been slow to come, and the lease counts only from when its request was sent.
   */
  private Uni<Void> dispatchUnderLease(Active run, Optional<Checkpoint> from, Site only) {
    return renewAndPublish(run).chain(next -> dispatchAndKeepAlive(run, from, next, only));
  }

  private Uni<Void> dispatchAndKeepAlive(
      Active run, Optional<Checkpoint> from, Duration firstPause, Site only) {
    RunTally tally = run.tally();
    Cancellable watchdog = keepAlive(run, firstPause);
    return health
        .begin(tally.runId(), tally.startedAt(), only == null)
        .chain(pass -> dispatchThrough(run, from, pass, only))
        .eventually(watchdog::cancel);
  }

  /**
   * Sites, less those backed off, through the dispatcher; each outcome to the tally, the progress,
   * the listeners and the site's health; at the end the health summary of a full run.
   */
  private Uni<Void> dispatchThrough(
      Active run, Optional<Checkpoint> from, HealthPass pass, Site only) {
    RunTally tally = run.tally();
    long afterId = from.map(Checkpoint::after).orElse(0L);
    long passed = from.map(Checkpoint::passed).orElse(0L);
    int limit = (int) Math.max(0, numberOfSites - passed);
    CronJudge judge = cronJudge(tally);
    Multi<Site> all = only == null ? sites.sites(limit, afterId) : Multi.createFrom().item(only);
    // The screen reads sites a batch ahead: the checks of the lease and the progress come after.
    Multi<Site> wanted =
        pass.screen(all)
            .select()
            .first(site -> mayTake(run))
            .select()
            .where(run.progress()::take)
            .select()
            .where(site -> admit(run, site))
            .select()
            .where(site -> !skipBackedOff(run, pass, site))
            .onItem()
            .call(site -> skipUnwanted(judge, run, pass, site))
            .select()
            .where(judge::wants);
    return dispatcher
        .dispatch(wanted, Site::url, url -> mayTake(run), judge::settle)
        .onItem()
        .invoke(outcome -> record(run, outcome))
        .plug(pass::record)
        .onItem()
        .ignoreAsUni()
        .onFailure(RunService::isRunFailure)
        .invoke(e -> stopped(tally, e))
        .onFailure(RunService::isRunFailure)
        .recoverWithNull()
        // A resumed run saw only the sites after its checkpoint: no summary of the network.
        .chain(() -> health.conclude(pass, tally.isAborted() || from.isPresent()));
  }

  /**
   * A site in a back-off window, taken in source order like any other: done at once, outcome {@code
   * backoff}, never requested.
   */
  private boolean skipBackedOff(Active run, HealthPass pass, Site site) {
    Optional<SiteOutcome> skipped = pass.backedOff(site);
    skipped.ifPresent(outcome -> record(run, outcome));
    return skipped.isPresent();
  }

  private CronJudge cronJudge(RunTally tally) {
    if (cronMode != CronConfig.CronCheckMode.OFF) {
      tally.checkCron(cronMode.label());
    }
    CronWatch watch = new CronWatch(sites, pollInterval, settleTimeout);
    return new CronJudge(cronMode, watch, tally, settleTimeout.toSeconds());
  }

  /**
   * A site {@code due} mode does not request is done at once, with its cron outcome, which its
   * health entry takes too (so {@code /sites} stays truthful in {@code due} mode).
   */
  private Uni<Void> skipUnwanted(CronJudge judge, Active run, HealthPass pass, Site site) {
    if (judge.wants(site)) {
      return Uni.createFrom().voidItem();
    }
    SiteOutcome outcome = judge.notRequested(site);
    record(run, outcome);
    return pass.note(outcome);
  }

  /** A duplicate of an earlier site is counted and, for the checkpoint, done at once. */
  private static boolean admit(Active run, Site site) {
    synchronized (run.progress()) {
      if (run.tally().admit(site)) {
        return true;
      }
      run.progress().skip(site);
      return false;
    }
  }

  /**
   * The tally and the progress change together, so a checkpoint never sees one without the other.
   */
  private void record(Active run, SiteOutcome outcome) {
    synchronized (run.progress()) {
      run.tally().add(outcome);
      run.progress().done(outcome.url());
    }
    events.siteDone(run.tally().runId(), outcome);
  }

  /**
   * Whether the run may take (or send) one more site: not stopped, and its lease confirmed now. A
   * lease past its confirmation stops the run on the spot.
   */
  private boolean mayTake(Active run) {
    if (run.tally().isAborted()) {
      return false;
    }
    if (!run.keeper().confirmed()) {
      stop(run, LOCK_UNCONFIRMED);
      return false;
    }
    return true;
  }

  private void stop(Active run, String reason) {
    if (run.tally().abort(reason)) {
      Log.errorf(
          "Run %s stops taking sites: %s (%d requests in flight finish)",
          run.tally().runId(),
          LOCK_LOST.equals(reason)
              ? "Redis says its lock is gone or someone else's"
              : "its lock could not be confirmed before it could have expired",
          run.progress().inFlight());
      events.lockLost(
          LOCK_LOST.equals(reason) ? RunEvents.LockLoss.LOST : RunEvents.LockLoss.UNCONFIRMED);
    }
  }

  /**
   * Renews the lease and publishes progress (and a queued run's checkpoint) every {@code
   * renewEvery}; after a failed renewal it tries again right away (after {@link #RETRY_PAUSE})
   * while the lease is still confirmed. One step after the other: a slow renewal delays the next,
   * it never piles them up nor ends the loop.
   */
  private Cancellable keepAlive(Active run, Duration firstPause) {
    AtomicReference<Duration> next = new AtomicReference<>(firstPause);
    return Multi.createBy()
        .repeating()
        .uni(() -> pause(next.get()).chain(() -> renewAndPublish(run)).invoke(next::set))
        .indefinitely()
        .subscribe()
        .with(
            ignored -> {},
            e -> Log.errorf("Lock watchdog of run %s stopped: %s", run.tally().runId(), e));
  }

  /**
   * One renewal, judged, and progress published when it was confirmed; returns the pause before the
   * next, counted from this one's start so that a slow report does not space renewals out.
   */
  private Uni<Duration> renewAndPublish(Active run) {
    long start = System.nanoTime();
    return run.keeper()
        .renew()
        .invoke(renewal -> judge(run, renewal))
        .call(
            renewal ->
                renewal == LeaseKeeper.Renewal.RENEWED
                    ? publishProgress(run)
                    : Uni.createFrom().voidItem())
        .map(
            renewal ->
                renewal == LeaseKeeper.Renewal.FAILED
                    ? RETRY_PAUSE
                    : max(Duration.ZERO, renewEvery.minusNanos(System.nanoTime() - start)));
  }

  private static Uni<Void> pause(Duration length) {
    return length.isZero() || length.isNegative()
        ? Uni.createFrom().voidItem()
        : Uni.createFrom().voidItem().onItem().delayIt().by(length);
  }

  private void judge(Active run, LeaseKeeper.Renewal renewal) {
    switch (renewal) {
      case RENEWED -> {
        Log.debugf(
            "Lock of run %s renewed: confirmed for %d ms",
            run.tally().runId(), run.keeper().confirmedForMillis());
        events.lockRenewed();
      }
      case LOST -> stop(run, LOCK_LOST);
      case FAILED -> {
        if (!run.keeper().confirmed()) {
          stop(run, LOCK_UNCONFIRMED);
        }
      }
    }
  }

  private Uni<Void> publishProgress(Active run) {
    Uni<Void> report = saveReport(snapshot(run).report(), renewalTimeout);
    return run.queued() ? report.chain(() -> saveCheckpoint(run, renewalTimeout)) : report;
  }

  private Checkpoint snapshot(Active run) {
    synchronized (run.progress()) {
      return run.progress().checkpoint(run.tally().snapshot());
    }
  }

  private Uni<Void> saveCheckpoint(Active run, Duration within) {
    String runId = run.tally().runId();
    return bounded(checkpoints.save(run.keeper().lease(), snapshot(run)), within)
        .invoke(
            stored -> {
              if (!stored) {
                Log.warnf("Checkpoint of run %s not stored: its lock is gone", runId);
              }
            })
        .replaceWithVoid()
        // A Redis outage is logged once by the Redis client, not at every renewal.
        .onFailure(e -> !(e instanceof CoordinationUnavailableException))
        .invoke(e -> Log.warnf("Checkpoint of run %s not stored: %s", runId, e.getMessage()))
        .onFailure()
        .recoverWithNull();
  }

  /** Stores a report within {@code within}; a report that cannot be stored is logged, not fatal. */
  private Uni<Void> saveReport(RunReport report, Duration within) {
    return bounded(reports.save(report), within)
        // A Redis outage is logged once by the Redis client, not at every renewal.
        .onFailure(e -> !(e instanceof CoordinationUnavailableException))
        .invoke(
            e ->
                Log.warnf(
                    "Report of run %s (%s) not stored: %s",
                    report.runId(), report.state().label(), e.getMessage()))
        .onFailure()
        .recoverWithNull();
  }

  /** Releases within a bound: an unreachable Redis lets the lock expire by itself instead. */
  private Uni<Void> release(Lease lease) {
    return bounded(lock.release(lease), FINAL_WAIT)
        .onFailure(e -> !(e instanceof CoordinationUnavailableException))
        .invoke(
            e ->
                Log.warnf(
                    "Lock of run %s not released (it expires after lock-timeout): %s",
                    lease.owner(), e.getMessage()))
        .onFailure()
        .recoverWithNull();
  }

  private static <T> Uni<T> bounded(Uni<T> call, Duration within) {
    return call.ifNoItem()
        .after(within)
        .failWith(() -> new TimeoutException("Redis did not answer within " + within));
  }

  /** One run of this process: its count, its progress, its lease, and whether a job carries it. */
  private record Active(RunTally tally, Progress progress, LeaseKeeper keeper, boolean queued) {}

  /** Anything but a Redis outage, which must surface as such (503), not as a failed run. */
  private static boolean isRunFailure(Throwable failure) {
    return !(failure instanceof CoordinationUnavailableException);
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static void logFinished(RunReport report) {
    Log.infof(
        "Run %s (%s) %s: %d sites, %d ok, %d errors, %d timeouts in %d ms%s",
        report.runId(),
        report.trigger().label(),
        report.state().label(),
        report.count(),
        report.ok(),
        report.errors(),
        report.timeouts(),
        report.durationMs(),
        report.abortReason() == null ? "" : " (" + report.abortReason() + ")");
  }
}
