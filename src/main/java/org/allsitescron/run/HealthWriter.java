package org.allsitescron.run;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.allsitescron.coordination.CoordinationUnavailableException;
import org.allsitescron.coordination.SiteHealthStore;
import org.allsitescron.coordination.SiteRecord;

/**
 * Writes one run's site records to the store a batch at a time: as soon as {@code size} records
 * wait, or {@code every} after the first of a batch came, whichever is first. One write at a time,
 * in order. A full batch holds its caller until the store has taken it, so a slow store slows the
 * run down instead of piling batches up (at most one batch written and one waiting); a batch cut by
 * the timer is written on the side, and only when no write is going on (otherwise the timer is set
 * again). This is the run's back-pressure: a time-cut batch is never pushed into a stream that did
 * not ask for it.
 *
 * <p>Each write is bounded by {@code within}. A write that fails or times out is logged and
 * dropped: site health records a run, it never stops one (the lease decides whether a run may go
 * on).
 */
final class HealthWriter {

  private final SiteHealthStore store;
  private final int size;
  private final Duration every;
  private final Duration within;
  private final String runId;
  private final ScheduledExecutorService timers;
  private List<SiteRecord> waiting;
  private CompletableFuture<Void> last = CompletableFuture.completedFuture(null);
  private ScheduledFuture<?> timer;

  HealthWriter(
      SiteHealthStore store,
      int size,
      Duration every,
      Duration within,
      String runId,
      ScheduledExecutorService timers) {
    this.store = store;
    this.size = size;
    this.every = every;
    this.within = within;
    this.runId = runId;
    this.timers = timers;
    this.waiting = new ArrayList<>(size);
  }

  HealthWriter(SiteHealthStore store, int size, Duration every, Duration within, String runId) {
    this(store, size, every, within, runId, Infrastructure.getDefaultWorkerPool());
  }

  /**
   * Takes a record: at once, unless it fills a batch; then when that batch (and any write before
   * it) has been written.
   */
  synchronized Uni<Void> add(SiteRecord record) {
    waiting.add(record);
    if (waiting.size() >= size) {
      return waitFor(flush());
    }
    if (timer == null) {
      timer = timers.schedule(this::timeUp, every.toMillis(), TimeUnit.MILLISECONDS);
    }
    return Uni.createFrom().voidItem();
  }

  /** Writes what waits, and completes once every write of this writer has ended. */
  synchronized Uni<Void> drain() {
    return waitFor(flush());
  }

  /** The timer: the batch goes now if no write is going on, else at the next tick or when full. */
  private synchronized void timeUp() {
    timer = null;
    if (waiting.isEmpty()) {
      return;
    }
    if (!last.isDone()) {
      timer = timers.schedule(this::timeUp, every.toMillis(), TimeUnit.MILLISECONDS);
      return;
    }
    flush();
  }

  /** Queues what waits as one write after the last one; the end of all writes so far. */
  private CompletableFuture<Void> flush() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
    if (waiting.isEmpty()) {
      return last;
    }
    List<SiteRecord> batch = waiting;
    waiting = new ArrayList<>(size);
    last = last.thenCompose(ignored -> write(batch));
    return last;
  }

  /** Never completes exceptionally: the chain of writes must outlive a failed one. */
  private CompletableFuture<Void> write(List<SiteRecord> batch) {
    return Uni.createFrom()
        .deferred(() -> store.save(batch))
        .ifNoItem()
        .after(within)
        .failWith(() -> new TimeoutException("the store did not answer within " + within))
        // A Redis outage is logged once by the Redis client, not per batch.
        .onFailure(e -> !(e instanceof CoordinationUnavailableException))
        .invoke(
            e ->
                Log.warnf(
                    "Run %s: health of %d sites not stored: %s", runId, batch.size(), e.toString()))
        .onFailure()
        .recoverWithNull()
        .subscribeAsCompletionStage();
  }

  /** A copy: a caller that cancels its wait must not cancel the chain of writes. */
  private static Uni<Void> waitFor(CompletableFuture<Void> written) {
    return Uni.createFrom().completionStage(written.copy());
  }
}
