package org.allsitescron.run;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import org.allsitescron.coordination.CoordinationUnavailableException;
import org.allsitescron.coordination.SiteHealthStore;
import org.allsitescron.coordination.SiteRecord;
import org.allsitescron.sites.Site;

/**
 * Site health within one run: reads the stored state a batch of sites at a time before they are
 * requested (skipping sites in a back-off window), writes the new state a batch of outcomes at a
 * time, and tallies the states for the summary of a full run.
 */
final class HealthPass {

  /** Longest an outcome waits for its batch to fill before the batch is written anyway. */
  static final Duration FLUSH_EVERY = Duration.ofSeconds(1);

  /** Longest one batch's read or write may take; past it the batch goes on without its state. */
  static final Duration WRITE_WITHIN = Duration.ofSeconds(5);

  private final SiteHealthStore store;
  private final HealthWriter writer;
  private final HealthRules rules;
  private final int batchSize;
  private final String runId;
  private final long runStart;
  private final long baseWindowMs;
  private final boolean full;
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private final Map<Long, SiteRecord> inBackoff = new ConcurrentHashMap<>();
  private final Map<SiteState, Long> states = new EnumMap<>(SiteState.class);
  private long oldestOverdueSince;

  /** A site on its way: what was stored of it before this run. */
  private record Pending(Site site, SiteRecord previous) {}

  /**
   * @param full whether the run goes over the whole network (its tally becomes the summary), or is
   *     a {@code ?site=} run (which requests its site even when backed off)
   */
  HealthPass(
      SiteHealthStore store,
      HealthRules rules,
      int batchSize,
      String runId,
      long runStart,
      long baseWindowMs,
      boolean full) {
    this.store = store;
    this.writer = new HealthWriter(store, batchSize, FLUSH_EVERY, WRITE_WITHIN, runId);
    this.rules = rules;
    this.batchSize = batchSize;
    this.runId = runId;
    this.runStart = runStart;
    this.baseWindowMs = baseWindowMs;
    this.full = full;
  }

  /**
   * {@code sites}, in their order, each with its stored state read (one store read per batch of
   * sites); those in a back-off window are noted for {@link #backedOff}, which the run asks in
   * source order, once it has taken the site.
   */
  Multi<Site> screen(Multi<Site> sites) {
    return sites
        .group()
        .intoLists()
        .of(batchSize)
        .onItem()
        .transformToUniAndConcatenate(this::screenBatch)
        .onItem()
        .transformToIterable(read -> read);
  }

  /** The {@code backoff} outcome of a site the screen found in a back-off window, once. */
  Optional<SiteOutcome> backedOff(Site site) {
    SiteRecord record = inBackoff.remove(site.id());
    if (record == null) {
      return Optional.empty();
    }
    tally(record, System.currentTimeMillis());
    return Optional.of(backoffOutcome(site, record));
  }

  /**
   * Passes {@code outcomes} through, each site's new state handed to the writer on the way; when
   * the outcomes end (or fail, or are cancelled), what waits is written before the end goes on.
   */
  Multi<SiteOutcome> record(Multi<SiteOutcome> outcomes) {
    return outcomes
        .onItem()
        .call(this::note)
        .onTermination()
        .call((failure, cancelled) -> writer.drain());
  }

  /**
   * Hands the site's new state to the writer: completes at once, unless the store has to take a
   * full batch first. A site this pass did not read (a {@code ?site=} run's other sites, a batch
   * whose read failed) is left as it is.
   */
  Uni<Void> note(SiteOutcome outcome) {
    Pending site = pending.remove(outcome.url());
    if (site == null) {
      return Uni.createFrom().voidItem();
    }
    long now = System.currentTimeMillis();
    CronLook look = CronLook.of(outcome);
    SiteRecord next =
        rules.next(
            site.previous(),
            site.site(),
            outcome,
            look.cron(),
            look.overdueAgeMs(),
            runStart,
            baseWindowMs,
            now);
    tally(next, now);
    return writer.add(next);
  }

  /** Stores the summary when this was a full run that went to the end. */
  Uni<Void> conclude(boolean cutShort, HealthSummaries summaries) {
    if (!full || cutShort) {
      return Uni.createFrom().voidItem();
    }
    return summaries.save(summary());
  }

  private Uni<List<Site>> screenBatch(List<Site> batch) {
    List<Long> ids = batch.stream().map(Site::id).toList();
    return store
        .read(ids)
        .ifNoItem()
        .after(WRITE_WITHIN)
        .failWith(() -> new TimeoutException("the store did not answer within " + WRITE_WITHIN))
        .map(found -> note(batch, found))
        .onFailure()
        .recoverWithItem(e -> unread(batch, e));
  }

  /**
   * A batch whose state could not be read is requested, none skipped, and its state left as it is:
   * health records a run, it never stops one.
   */
  private List<Site> unread(List<Site> batch, Throwable failure) {
    // A Redis outage is logged once by the Redis client, not per batch.
    if (!(failure instanceof CoordinationUnavailableException)) {
      Log.warnf(
          "Run %s: health of %d sites not read, none skipped: %s",
          runId, batch.size(), failure.toString());
    }
    return batch;
  }

  /**
   * Notes each site's stored state. A duplicate of an earlier site (which the run counts and never
   * requests) is left alone: it shares the earlier site's URL, so it would take its entry.
   */
  private List<Site> note(List<Site> batch, Map<Long, SiteRecord> found) {
    for (Site site : batch) {
      if (site.duplicate()) {
        continue;
      }
      SiteRecord previous = found.get(site.id());
      if (previous != null && !previous.url().equals(site.displayUrl())) {
        previous = null;
      }
      if (full && previous != null && rules.skips(previous, runStart, baseWindowMs)) {
        inBackoff.put(site.id(), previous);
      } else {
        pending.put(site.displayUrl(), new Pending(site, previous));
      }
    }
    return batch;
  }

  private synchronized void tally(SiteRecord record, long now) {
    states.merge(rules.state(record, now), 1L, Long::sum);
    if (record.overdueSince() > 0
        && (oldestOverdueSince == 0 || record.overdueSince() < oldestOverdueSince)) {
      oldestOverdueSince = record.overdueSince();
    }
  }

  private synchronized HealthSummary summary() {
    long sites = states.values().stream().mapToLong(Long::longValue).sum();
    return new HealthSummary(
        runId,
        runStart,
        System.currentTimeMillis(),
        sites,
        states.getOrDefault(SiteState.OK, 0L),
        states.getOrDefault(SiteState.FAILING, 0L),
        states.getOrDefault(SiteState.BEHIND, 0L),
        states.getOrDefault(SiteState.BACKOFF, 0L),
        oldestOverdueSince);
  }

  private static SiteOutcome backoffOutcome(Site site, SiteRecord record) {
    String reason =
        "backed off until %s after %d failures (last: %s)"
            .formatted(
                Instant.ofEpochMilli(record.backoffUntil()),
                record.failures(),
                record.error().isEmpty() ? record.http() : record.error());
    return new SiteOutcome(site.displayUrl(), Outcome.BACKOFF, 0, reason, 0);
  }
}
