package org.allsitescron.run;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.allsitescron.config.CronConfig;
import org.allsitescron.coordination.SiteHealthStore;
import org.allsitescron.coordination.SiteRecord;
import org.allsitescron.coordination.SiteSlice;

/**
 * Site health across runs (SPEC §8): gives each run its {@link HealthPass} and answers what {@code
 * /sites}, the status page and the gauges show.
 */
@ApplicationScoped
public class SiteHealth {

  /** Most sites one page lists. */
  public static final int MAX_LIMIT = 500;

  /** Most sites one filtered page looks at before it answers with what it found. */
  static final int LOOKED_PER_PAGE = 5_000;

  /** Sites read from the store at a time while a filtered page is collected. */
  private static final int SLICE = 500;

  private final SiteHealthStore store;
  private final HealthSummaries summaries;
  private final HealthRules rules;
  private final int batchSize;
  private final Optional<Duration> initialWindow;

  SiteHealth(SiteHealthStore store, HealthSummaries summaries, CronConfig config) {
    this.store = store;
    this.summaries = summaries;
    this.rules = new HealthRules(config);
    this.batchSize = config.batchSize();
    this.initialWindow = config.backoff().initial();
  }

  /**
   * The health pass of a run starting at {@code runStart}: the first back-off window is one run's
   * interval, measured from the start of the last full run.
   *
   * @param full false for a {@code ?site=} run, which requests its site even when backed off and
   *     leaves the summary alone
   */
  Uni<HealthPass> begin(String runId, Instant runStart, boolean full) {
    long start = runStart.toEpochMilli();
    return summaries
        .last()
        .ifNoItem()
        .after(HealthPass.WRITE_WITHIN)
        .failWith(() -> new TimeoutException("no answer within " + HealthPass.WRITE_WITHIN))
        .onFailure()
        .recoverWithItem(e -> unread(runId, e))
        .map(
            last ->
                new HealthPass(
                    store,
                    rules,
                    batchSize,
                    runId,
                    start,
                    rules.baseWindow(initialWindow, last.runStartedAt(), start),
                    full));
  }

  /**
   * Stores the summary of a pass that went over the whole network; a summary not stored is logged,
   * and the run still ends with its report.
   */
  Uni<Void> conclude(HealthPass pass, boolean cutShort) {
    return pass.conclude(cutShort, summaries)
        .ifNoItem()
        .after(HealthPass.WRITE_WITHIN)
        .failWith(() -> new TimeoutException("no answer within " + HealthPass.WRITE_WITHIN))
        .onFailure()
        .invoke(e -> Log.warnf("Health summary not stored: %s", e.toString()))
        .onFailure()
        .recoverWithNull();
  }

  /**
   * A last summary that cannot be read: the run goes on, its first back-off windows counted as if
   * it were the first run (health records a run, it never stops one).
   */
  private static HealthSummary unread(String runId, Throwable failure) {
    Log.warnf("Run %s: last health summary not read: %s", runId, failure.toString());
    return HealthSummary.NONE;
  }

  /** The summary of the last full run ({@link HealthSummary#NONE} before the first). */
  public Uni<HealthSummary> summary() {
    return summaries.last();
  }

  /**
   * One page of sites after {@code afterBlogId}, in {@code blog_id} order, in {@code state} (all
   * when empty), with the summary.
   */
  public Uni<SitePage> page(Optional<SiteState> state, long afterBlogId, int limit) {
    long now = System.currentTimeMillis();
    return summaries
        .last()
        .chain(
            summary ->
                collect(state, afterBlogId, limit, new ArrayList<>(), 0, now)
                    .map(
                        found ->
                            new SitePage(
                                state.map(SiteState::label).orElse("all"),
                                summary(summary, now),
                                found.entries(),
                                found.nextCursor())));
  }

  private record Found(List<SitePage.Entry> entries, String nextCursor) {}

  private Uni<Found> collect(
      Optional<SiteState> state,
      long after,
      int limit,
      List<SitePage.Entry> found,
      int looked,
      long now) {
    int count = state.isEmpty() ? limit - found.size() : SLICE;
    return store
        .slice(after, count)
        .chain(slice -> next(state, limit, found, looked + count, now, slice));
  }

  private Uni<Found> next(
      Optional<SiteState> state,
      int limit,
      List<SitePage.Entry> found,
      int looked,
      long now,
      SiteSlice slice) {
    List<SiteRecord> records = slice.records();
    for (int i = 0; i < records.size(); i++) {
      SiteRecord record = records.get(i);
      SiteState current = rules.state(record, now);
      if (state.isPresent() && state.get() != current) {
        continue;
      }
      found.add(entry(record, current, now));
      if (found.size() == limit) {
        boolean more = i < records.size() - 1 || slice.more();
        return done(found, more ? Long.toString(record.blogId()) : null);
      }
    }
    if (!slice.more()) {
      return done(found, null);
    }
    if (looked >= LOOKED_PER_PAGE) {
      return done(found, Long.toString(slice.lastBlogId()));
    }
    return collect(state, slice.lastBlogId(), limit, found, looked, now);
  }

  private static Uni<Found> done(List<SitePage.Entry> entries, String cursor) {
    return Uni.createFrom().item(new Found(List.copyOf(entries), cursor));
  }

  private static SitePage.Summary summary(HealthSummary summary, long now) {
    return new SitePage.Summary(
        summary.finishedAt() > 0 ? Instant.ofEpochMilli(summary.finishedAt()) : null,
        summary.runId(),
        summary.sites(),
        summary.ok(),
        summary.failing(),
        summary.behind(),
        summary.backoff(),
        summary.oldestOverdueSeconds(now));
  }

  private static SitePage.Entry entry(SiteRecord record, SiteState state, long now) {
    return new SitePage.Entry(
        record.blogId(),
        record.url(),
        state,
        blankToNull(record.http()),
        record.status(),
        blankToNull(record.error()),
        blankToNull(record.cron()),
        instant(record.lastRanAt()),
        instant(record.lookedAt()),
        record.overdueSince() > 0 ? Math.max(0, (now - record.overdueSince()) / 1000) : null,
        record.failures(),
        record.backoffUntil() > now ? instant(record.backoffUntil()) : null,
        record.level() > 0 ? record.level() : null);
  }

  private static Instant instant(long millis) {
    return millis > 0 ? Instant.ofEpochMilli(millis) : null;
  }

  private static String blankToNull(String text) {
    return text == null || text.isEmpty() ? null : text;
  }
}
