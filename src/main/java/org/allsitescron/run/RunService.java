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
                    .map(Site::url)
                    .collect()
                    .asList()
                    .map(urls -> new Preview(count, urls)));
  }

  private Uni<TriggerResult> act(Decision decision) {
    if (decision instanceof Decision.Accepted accepted) {
      return detached(run(Trigger.REST, accepted.lease())).map(TriggerResult.Ran::new);
    }
    if (decision instanceof Decision.Queued queued) {
      return done(new TriggerResult.Queued(queued.runId(), false));
    }
    if (decision instanceof Decision.AlreadyQueued waiting) {
      return done(new TriggerResult.Queued(waiting.runId(), true));
    }
    if (decision instanceof Decision.RateLimited limited) {
      return done(
          new TriggerResult.RateLimited(
              limited.retryAfterSeconds(), cooldownSeconds, limited.lastRunEpochSeconds()));
    }
    return done(new TriggerResult.Locked());
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
        .chain(this::publish)
        .eventually(() -> releaseQuietly(lease))
        .eventually(() -> active.remove(tally));
  }

  /** Compare-and-delete; when Redis is gone the lock's TTL ends it (the outage is logged once). */
  private Uni<Void> releaseQuietly(Lease lease) {
    return lock.release(lease)
        .onFailure(CoordinationUnavailableException.class)
        .recoverWithNull()
        .replaceWithVoid();
  }

  /** How many sites the run expects; a source that cannot be read fails the run, not the call. */
  private Uni<Long> countSites(RunTally tally) {
    return sites
        .count(numberOfSites)
        .onFailure(RunService::isSourceFailure)
        .invoke(e -> sourceFailed(tally, e))
        .onFailure(RunService::isSourceFailure)
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
    return reports
        .save(report)
        .replaceWith(report)
        .invoke(this::ended)
        .onFailure(CoordinationUnavailableException.class)
        .transform(e -> unrecorded(report, (CoordinationUnavailableException) e));
  }

  private UnrecordedRunException unrecorded(
      RunReport report, CoordinationUnavailableException cause) {
    RunReport aborted =
        report.abortedUnlessSo(
            "Redis unavailable (" + cause.reason().label() + ") when the report was stored");
    reports.saveLater(aborted);
    ended(aborted);
    return new UnrecordedRunException(aborted, cause);
  }

  private void ended(RunReport report) {
    events.runEnded(report);
    logFinished(report);
  }

  /** The source failed: the run stops; the report gets the safe reason, the log the details. */
  private static void sourceFailed(RunTally tally, Throwable failure) {
    SiteSourceUnavailableException.Reason reason =
        failure instanceof SiteSourceUnavailableException known
            ? known.reason()
            : SiteSourceUnavailableException.Reason.ERROR;
    // The source logs its outage once; the run's own line says it stopped, and why.
    Log.debugf("Run %s: site source failed: %s", tally.runId(), failure.getMessage());
    tally.fail(RunReport.SOURCE_FAILED + " (" + reason.label() + "): " + reason.explanation());
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
    Multi<String> urls =
        sites.sites(numberOfSites).select().first(site -> !tally.isAborted()).map(Site::url);
    return dispatcher
        .dispatch(urls)
        .onItem()
        .invoke(tally::add)
        .onItem()
        .invoke(outcome -> events.siteDone(tally.runId(), outcome))
        .onItem()
        .ignoreAsUni()
        .onFailure(RunService::isSourceFailure)
        .invoke(e -> sourceFailed(tally, e))
        .onFailure(RunService::isSourceFailure)
        .recoverWithNull()
        .eventually(watchdog::cancel);
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
        // A Redis outage is logged once by the Redis client, not at every tick.
        .onFailure(RunService::isSourceFailure)
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
