package org.allsitescron.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.allsitescron.coordination.JobQueue;
import org.allsitescron.coordination.QueueDepth;
import org.allsitescron.run.CronOutcome;
import org.allsitescron.run.HealthSummary;
import org.allsitescron.run.Outcome;
import org.allsitescron.run.RunEvents.AdmissionDecided;
import org.allsitescron.run.RunEvents.LockLoss;
import org.allsitescron.run.RunEvents.LockRenewed;
import org.allsitescron.run.RunEvents.RunEnded;
import org.allsitescron.run.RunEvents.SiteDone;
import org.allsitescron.run.RunEvents.Verdict;
import org.allsitescron.run.RunReport;
import org.allsitescron.run.RunState;
import org.allsitescron.run.SiteHealth;
import org.allsitescron.run.SiteState;
import org.allsitescron.run.Trigger;

/**
 * Every meter of the service, by name, fed by the run events and a periodic read of the queue.
 * Names are dotted (Prometheus shows {@code all_sites_cron_runs_total}, {@code …_seconds}); tags
 * come from small fixed sets and never carry a site URL. Every series exists from start-up at 0, so
 * {@code increase(…) == 0} alerts work before the first run.
 */
@Startup
@ApplicationScoped
public class CronMetrics {

  /** Counter: runs that ended, by {@code state} (finished, aborted) and {@code trigger}. */
  public static final String RUNS = "all_sites_cron.runs";

  /** Timer with buckets: how long a run took, by {@code trigger}. */
  public static final String RUN_DURATION = "all_sites_cron.run.duration";

  /**
   * Counter: sites requested, by {@code outcome} (ok, http_error, timeout, connect_error,
   * tls_error).
   */
  public static final String SITES = "all_sites_cron.sites";

  /** Timer with buckets: one site's {@code wp-cron.php} request, by {@code outcome}. */
  public static final String SITE_REQUEST_DURATION = "all_sites_cron.site.request.duration";

  /** Gauge: jobs waiting in the queue, as last read. */
  public static final String QUEUE_LENGTH = "all_sites_cron.queue.length";

  /** Gauge: jobs in the dead-letter list, as last read. */
  public static final String QUEUE_DEAD = "all_sites_cron.queue.dead";

  /** Counter: {@code /run} triggers by admission {@code result} (see {@link Verdict}). */
  public static final String ADMISSIONS = "all_sites_cron.admissions";

  /** Counter: renewals of the run lock by the run that holds it. */
  public static final String LOCK_RENEWALS = "all_sites_cron.lock.renewals";

  /**
   * Counter: runs that stopped taking sites for their lock, by {@code reason}: {@code lost} (Redis
   * said gone or someone else's) or {@code unconfirmed} (not confirmed before it could expire).
   */
  public static final String LOCK_LOSSES = "all_sites_cron.lock.losses";

  /**
   * Gauge: sites per {@code state} (backoff, behind, failing, ok) as the last full run left them;
   * never per site (a network has 100,000).
   */
  public static final String SITES_STATE = "all_sites_cron.sites.state";

  /** Gauge: sites in a back-off window (skipped by runs) as the last full run left them. */
  public static final String SITES_BACKED_OFF = "all_sites_cron.sites.backed_off";

  /** Gauge, seconds: age now of the oldest overdue cron event the last full run saw; 0 none. */
  public static final String OVERDUE_OLDEST = "all_sites_cron.overdue.oldest";

  /** Gauge, seconds since the epoch: when the last full run over the network finished. */
  public static final String LAST_FULL_RUN = "all_sites_cron.last_full_run";

  /** Counter: sites by cron outcome ({@code cron}: ran, still_due, not_due, busy, unknown). */
  public static final String SITES_CRON = "all_sites_cron.sites.cron";

  /**
   * Timer with buckets: PHP work time of a site whose cron ran, from the request until its due
   * events were gone and its {@code doing_cron} lock released (seen at poll granularity).
   */
  public static final String SITE_CRON_WORK = "all_sites_cron.site.cron.work.duration";

  /** Gauge: age in seconds of the oldest overdue event seen by the last run with a cron check. */
  public static final String OLDEST_OVERDUE = "all_sites_cron.cron.oldest.overdue";

  /** Buckets of a site request: 10 ms to 30 s, the range of {@code request-timeout}. */
  static final List<Duration> SITE_REQUEST_BUCKETS =
      millis(10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000);

  /** Buckets of a whole run: 1 s to 1 h. */
  static final List<Duration> RUN_BUCKETS =
      millis(1_000, 5_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 1_800_000, 3_600_000);

  private final MeterRegistry registry;
  private final JobQueue queue;
  private final SiteHealth health;
  private volatile HealthSummary summary;
  private final Map<Outcome, Counter> sites;
  private final Map<Outcome, Timer> siteRequests = new EnumMap<>(Outcome.class);
  private final Map<Verdict, Counter> admissions;
  private final Map<Trigger, Timer> runDurations = new EnumMap<>(Trigger.class);
  private final Map<CronOutcome, Counter> cronOutcomes;
  private final Timer cronWork;
  private volatile double oldestOverdue = Double.NaN;
  private final Counter lockRenewals;
  private final Map<LockLoss, Counter> lockLosses;
  private volatile double queueLength = Double.NaN;
  private volatile double deadLength = Double.NaN;

  CronMetrics(MeterRegistry registry, JobQueue queue, SiteHealth health) {
    this.registry = registry;
    this.queue = queue;
    this.health = health;
    sites =
        counters(
            Outcome.class,
            SITES,
            "Sites whose wp-cron.php was requested, by outcome",
            "outcome",
            Outcome::label);
    for (Outcome outcome : Outcome.values()) {
      siteRequests.put(
          outcome,
          Timer.builder(SITE_REQUEST_DURATION)
              .description("Time of one site's wp-cron.php request, by outcome")
              .tag("outcome", outcome.label())
              .serviceLevelObjectives(SITE_REQUEST_BUCKETS.toArray(Duration[]::new))
              .register(registry));
    }
    cronOutcomes =
        counters(
            CronOutcome.class,
            SITES_CRON,
            "Sites by cron outcome, judged from their own database rows",
            "cron",
            CronOutcome::label);
    cronWork =
        Timer.builder(SITE_CRON_WORK)
            .description("From a site's request until its cron work was seen finished")
            .serviceLevelObjectives(SITE_REQUEST_BUCKETS.toArray(Duration[]::new))
            .register(registry);
    Gauge.builder(OLDEST_OVERDUE, this, metrics -> metrics.oldestOverdue)
        .description("Age of the oldest overdue cron event seen by the last cron-checked run")
        .baseUnit("seconds")
        .register(registry);
    admissions =
        counters(
            Verdict.class,
            ADMISSIONS,
            "Triggers of /run by admission result",
            "result",
            Verdict::label);
    for (Trigger trigger : Trigger.values()) {
      runDurations.put(
          trigger,
          Timer.builder(RUN_DURATION)
              .description("Time of a whole run, by trigger")
              .tag("trigger", trigger.label())
              .serviceLevelObjectives(RUN_BUCKETS.toArray(Duration[]::new))
              .register(registry));
      for (RunState state : List.of(RunState.FINISHED, RunState.ABORTED)) {
        runs(state, trigger);
      }
    }
    lockRenewals =
        Counter.builder(LOCK_RENEWALS)
            .description("Renewals of the run lock by the run holding it")
            .register(registry);
    lockLosses =
        counters(
            LockLoss.class,
            LOCK_LOSSES,
            "Runs that stopped taking sites for their lock, by reason",
            "reason",
            LockLoss::label);
    Gauge.builder(QUEUE_LENGTH, this, metrics -> metrics.queueLength)
        .description("Jobs waiting in the queue, as last read")
        .register(registry);
    Gauge.builder(QUEUE_DEAD, this, metrics -> metrics.deadLength)
        .description("Jobs in the dead-letter list, as last read")
        .register(registry);
    for (SiteState state : SiteState.values()) {
      Gauge.builder(SITES_STATE, this, metrics -> metrics.health(s -> s.count(state)))
          .description("Sites per state as the last full run left them")
          .tag("state", state.label())
          .register(registry);
    }
    Gauge.builder(SITES_BACKED_OFF, this, metrics -> metrics.health(HealthSummary::backoff))
        .description("Sites in a back-off window (skipped by runs)")
        .register(registry);
    Gauge.builder(
            OVERDUE_OLDEST,
            this,
            metrics -> metrics.health(s -> s.oldestOverdueSeconds(System.currentTimeMillis())))
        .description("Age of the oldest overdue cron event the last full run saw; 0 when none")
        .baseUnit("seconds")
        .register(registry);
    Gauge.builder(LAST_FULL_RUN, this, metrics -> metrics.health(s -> s.finishedAt() / 1000.0))
        .description("When the last full run over the network finished, seconds since the epoch")
        .baseUnit("seconds")
        .register(registry);
  }

  /** A health gauge's value; NaN until the summary was read, and before the first full run. */
  private double health(java.util.function.ToDoubleFunction<HealthSummary> value) {
    HealthSummary last = summary;
    return last == null || last.finishedAt() == 0 ? Double.NaN : value.applyAsDouble(last);
  }

  void onSiteDone(@Observes SiteDone done) {
    Outcome outcome = done.outcome().outcome();
    sites.get(outcome).increment();
    if (outcome != Outcome.NOT_REQUESTED) {
      siteRequests.get(outcome).record(Duration.ofMillis(done.outcome().durationMs()));
    }
    if (done.outcome().cron() != null) {
      cronOutcomes.get(done.outcome().cron()).increment();
    }
    if (done.outcome().cronWorkMs() != null) {
      cronWork.record(Duration.ofMillis(done.outcome().cronWorkMs()));
    }
  }

  /** One counter {@code name} per value of {@code type}, tagged {@code tag} with its label. */
  private <E extends Enum<E>> Map<E, Counter> counters(
      Class<E> type, String name, String description, String tag, Function<E, String> label) {
    Map<E, Counter> counters = new EnumMap<>(type);
    for (E value : type.getEnumConstants()) {
      counters.put(
          value,
          Counter.builder(name)
              .description(description)
              .tag(tag, label.apply(value))
              .register(registry));
    }
    return counters;
  }

  /** A finished full run wrote a new summary; the gauges need not wait for the next poll. */
  void onRunEnded(@Observes RunEnded ended) {
    readHealth().subscribe().with(ignored -> {}, e -> {});
    RunReport report = ended.report();
    runs(report.state(), report.trigger()).increment();
    runDurations.get(report.trigger()).record(Duration.ofMillis(report.durationMs()));
    if (report.cron() != null) {
      oldestOverdue = report.cron().oldestOverdueSeconds();
    }
  }

  void onLockRenewed(@Observes LockRenewed renewed) {
    (renewed.held() ? lockRenewals : lockLosses.get(renewed.loss())).increment();
  }

  void onAdmission(@Observes AdmissionDecided decided) {
    admissions.get(decided.verdict()).increment();
  }

  @Scheduled(
      identity = "queue-gauges",
      every = "{all-sites-cron.metrics.queue-poll-interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> poll() {
    return readQueue().chain(this::readHealth);
  }

  /** Reads the summary of the last full run into the health gauges. */
  public Uni<Void> readHealth() {
    return health
        .summary()
        .invoke(read -> summary = read)
        .onFailure()
        .invoke(e -> summary = null)
        // As for the queue: the outage shows in readiness; the gauges just say "unknown".
        .onFailure()
        .recoverWithNull()
        .replaceWithVoid();
  }

  /** Reads the queue and dead-letter lengths into the gauges; what tests call instead of poll. */
  public Uni<Void> readQueue() {
    return queue
        .depth()
        .invoke(this::show)
        .onFailure()
        .invoke(this::unknown)
        // The outage itself shows in readiness and as 503s; the gauges just say "unknown".
        .onFailure()
        .recoverWithNull()
        .replaceWithVoid();
  }

  private void show(QueueDepth depth) {
    queueLength = depth.length();
    deadLength = depth.dead();
  }

  private void unknown(Throwable e) {
    Log.debugf("Queue length unknown: %s", e.getMessage());
    queueLength = Double.NaN;
    deadLength = Double.NaN;
  }

  private Counter runs(RunState state, Trigger trigger) {
    return Counter.builder(RUNS)
        .description("Runs that ended, by final state and trigger")
        .tag("state", state.label())
        .tag("trigger", trigger.label())
        .register(registry);
  }

  private static List<Duration> millis(long... values) {
    return Arrays.stream(values).mapToObj(Duration::ofMillis).toList();
  }
}
