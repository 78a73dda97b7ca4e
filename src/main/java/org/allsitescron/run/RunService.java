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
import org.allsitescron.config.CronConfig;
import org.allsitescron.coordination.Admission;
import org.allsitescron.coordination.CoordinationUnavailableException;
import org.allsitescron.coordination.Decision;
import org.allsitescron.coordination.Job;
import org.allsitescron.coordination.Lease;
import org.allsitescron.coordination.RunLock;
import org.allsitescron.coordination.Ticket;
import org.allsitescron.dispatch.Dispatcher;
import org.allsitescron.dispatch.SiteOutcome;
import org.allsitescron.sites.CronWatch;
import org.allsitescron.sites.Site;
import org.allsitescron.sites.SiteSource;

/**
 * The heart: given the lock, reads the sites, dispatches them, keeps the lock alive, and stores the
 * report. A run that loses its lock takes no further site and ends {@code aborted}.
 */
@ApplicationScoped
public class RunService {

  /** Why a run stopped when the service shut down; its job goes back into the queue. */
  public static final String SHUTDOWN = "shutdown";

  /** Longest time between two progress updates seen by {@code /status}. */
  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(2);

  private final Admission admission;
  private final SiteSource sites;
  private final Dispatcher dispatcher;
  private final RunLock lock;
  private final RunReports reports;
  private final RunEvents events;
  private final int numberOfSites;
  private final long cooldownSeconds;
  private final Duration renewEvery;
  private final CronConfig.CronCheckMode cronMode;
  private final Duration pollInterval;
  private final Duration settleTimeout;
  private final Set<RunTally> active = ConcurrentHashMap.newKeySet();

  RunService(
      Admission admission,
      SiteSource sites,
      Dispatcher dispatcher,
      RunLock lock,
      RunReports reports,
      RunEvents events,
      CronConfig config) {
    this.admission = admission;
    this.sites = sites;
    this.dispatcher = dispatcher;
    this.lock = lock;
    this.reports = reports;
    this.events = events;
    this.numberOfSites = config.numberOfSites();
    this.cooldownSeconds = config.rateLimitSeconds();
    this.renewEvery = min(config.lockTimeout().dividedBy(3), PROGRESS_EVERY);
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
    return admission.admit(ticket).invoke(events::admitted).chain(this::act);
  }

  /** What a run would request now, without requesting anything. */
  public Uni<Preview> preview() {
    return sites
        .count(numberOfSites)
        .chain(
            count ->
                sites
                    .sites(Math.min(numberOfSites, Preview.LISTED))
                    .map(Site::url)
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
    RunTally tally = new RunTally(lease.owner(), trigger, lease.fence());
    active.add(tally);
    return countSites(tally)
        .chain(() -> reports.save(tally.snapshot()))
        .chain(
            () ->
                tally.isAborted() ? Uni.createFrom().voidItem() : dispatchUnderLease(tally, lease))
        .map(ignored -> tally.finish())
        .call(this::publish)
        .eventually(() -> lock.release(lease))
        .eventually(() -> active.remove(tally));
  }

  /** How many sites the run expects; a source that cannot be read fails the run, not the call. */
  private Uni<Long> countSites(RunTally tally) {
    return sites
        .count(numberOfSites)
        .onFailure(RunService::isSourceFailure)
        .invoke(e -> tally.fail("site source failed: " + e.getMessage()))
        .onFailure(RunService::isSourceFailure)
        .recoverWithItem(0L)
        .invoke(tally::expect)
        .invoke(
            total ->
                Log.infof(
                    "Run %s (%s) started: %d sites",
                    tally.runId(), tally.trigger().label(), total));
  }

  /** The final report: to the listeners, the store and the log. */
  private Uni<Void> publish(RunReport report) {
    events.runEnded(report);
    return reports.save(report).invoke(() -> logFinished(report));
  }

  /** Takes the lock as {@code runId} and runs; empty when the lock is held by someone else. */
  public Uni<Optional<RunReport>> runIfFree(String runId, Trigger trigger) {
    return lock.tryAcquire(runId)
        .chain(
            lease ->
                lease.isPresent()
                    ? run(trigger, lease.get()).map(Optional::of)
                    : Uni.createFrom().item(Optional.<RunReport>empty()));
  }

  /** Stops every run of this process from taking further sites; they end {@code aborted}. */
  public void abortAll() {
    active.forEach(tally -> tally.abort(SHUTDOWN));
  }

  /** Whether a run is going on in this process. */
  public boolean isRunning() {
    return !active.isEmpty();
  }

  private Uni<Void> dispatchUnderLease(RunTally tally, Lease lease) {
    Cancellable watchdog = keepAlive(tally, lease);
    CronJudge judge = cronJudge(tally);
    Multi<Site> wanted =
        sites
            .sites(numberOfSites)
            .select()
            .first(site -> !tally.isAborted())
            .onItem()
            .invoke(site -> skipUnwanted(judge, tally, site))
            .select()
            .where(judge::wants);
    return dispatcher
        .dispatch(wanted, Site::url, judge::settle)
        .onItem()
        .invoke(outcome -> record(tally, outcome))
        .onItem()
        .ignoreAsUni()
        .onFailure(RunService::isSourceFailure)
        .invoke(e -> tally.fail("site source failed: " + e.getMessage()))
        .onFailure(RunService::isSourceFailure)
        .recoverWithNull()
        .eventually(watchdog::cancel);
  }

  private CronJudge cronJudge(RunTally tally) {
    if (cronMode != CronConfig.CronCheckMode.OFF) {
      tally.checkCron(cronMode.label());
    }
    CronWatch watch = new CronWatch(sites, pollInterval, settleTimeout);
    return new CronJudge(cronMode, watch, tally, settleTimeout.toSeconds());
  }

  /** A site {@code due} mode does not request is done at once, with its cron outcome. */
  private void skipUnwanted(CronJudge judge, RunTally tally, Site site) {
    if (!judge.wants(site)) {
      record(tally, judge.notRequested(site));
    }
  }

  private void record(RunTally tally, SiteOutcome outcome) {
    tally.add(outcome);
    events.siteDone(tally.runId(), outcome);
  }

  /**
   * Renews the lease (every third of the lock timeout, at most 2 s apart) and publishes progress.
   */
  private Cancellable keepAlive(RunTally tally, Lease lease) {
    return Multi.createFrom()
        .ticks()
        .every(renewEvery)
        .onItem()
        .transformToUniAndConcatenate(tick -> renewOrAbort(tally, lease))
        .subscribe()
        .with(
            ignored -> {}, e -> Log.warnf("Lock watchdog of run %s stopped: %s", tally.runId(), e));
  }

  private Uni<Void> renewOrAbort(RunTally tally, Lease lease) {
    return lock.renew(lease)
        .invoke(events::lockRenewed)
        .invoke(
            held -> {
              if (!held) {
                Log.errorf("Run %s lost its lock; it takes no further site", tally.runId());
                tally.abort("lock lost");
              }
            })
        .chain(() -> reports.save(tally.snapshot()))
        .onFailure()
        .invoke(e -> Log.warnf("Could not renew the lock of run %s: %s", tally.runId(), e))
        .onFailure()
        .recoverWithNull();
  }

  /** Anything but a Redis outage, which must surface as such (503), not as a failed run. */
  private static boolean isSourceFailure(Throwable failure) {
    return !(failure instanceof CoordinationUnavailableException);
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static void logFinished(RunReport report) {
    Log.infof(
        "Run %s (%s) %s: %d sites, %d ok, %d errors, %d timeouts in %d ms",
        report.runId(),
        report.trigger().label(),
        report.state().label(),
        report.count(),
        report.ok(),
        report.errors(),
        report.timeouts(),
        report.durationMs());
  }
}
