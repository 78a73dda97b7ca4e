package org.allsitescron.sites;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Watches the sites of one run whose cron work is going on, with one batched read of all of them
 * per {@code poll-interval} (never one query per site), until each one's due events (those seen
 * before its request) are gone and WordPress's {@code doing_cron} lock is released, or its {@code
 * settle-timeout} has passed. Where the lock never shows in the database (a persistent object cache
 * keeps transients elsewhere) "due events gone" alone settles a site.
 */
public final class CronWatch {

  private final SiteSource source;
  private final Duration pollInterval;
  private final Duration settleTimeout;
  private final Map<Long, Watched> watched = new ConcurrentHashMap<>();
  private final AtomicBoolean polling = new AtomicBoolean();

  public CronWatch(SiteSource source, Duration pollInterval, Duration settleTimeout) {
    this.source = source;
    this.pollInterval = pollInterval;
    this.settleTimeout = settleTimeout;
  }

  /**
   * Completes when {@code site}'s cron work is seen finished or {@code settle-timeout} after now,
   * with the last state read (the state before the request when none could be read).
   */
  public Uni<Settled> settle(Site site) {
    return Uni.createFrom()
        .<Settled>emitter(emitter -> start(site, emitter))
        .onCancellation()
        .invoke(() -> watched.remove(site.id()));
  }

  /** Sites being watched now. */
  public int watching() {
    return watched.size();
  }

  private void start(Site site, UniEmitter<? super Settled> emitter) {
    Watched entry = new Watched(site, emitter, System.nanoTime());
    if (watched.putIfAbsent(site.id(), entry) != null) {
      // The same blog twice in one run: the first watch speaks for both.
      emitter.complete(new Settled(false, false, null, 0));
      return;
    }
    if (polling.compareAndSet(false, true)) {
      schedule();
    }
  }

  private void schedule() {
    Uni.createFrom()
        .voidItem()
        .onItem()
        .delayIt()
        .by(pollInterval)
        .chain(this::pollOnce)
        .subscribe()
        .with(ignored -> next(), e -> next());
  }

  /** Keeps polling while anything is watched; the flag closes the race with a new arrival. */
  private void next() {
    if (!watched.isEmpty()) {
      schedule();
      return;
    }
    polling.set(false);
    if (!watched.isEmpty() && polling.compareAndSet(false, true)) {
      schedule();
    }
  }

  private Uni<Void> pollOnce() {
    List<Long> ids = List.copyOf(watched.keySet());
    if (ids.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return source
        .cronStates(ids)
        // A read slower than the settle timeout must not hold every watched site past its bound.
        .ifNoItem()
        .after(settleTimeout)
        .fail()
        .invoke(this::judge)
        .onFailure()
        .invoke(
            e -> {
              Log.debugf("Cron state of %d watched sites not read: %s", ids.size(), e.toString());
              expire();
            })
        .onFailure()
        .recoverWithNull()
        .replaceWithVoid();
  }

  private void judge(Map<Long, CronState> states) {
    long now = System.nanoTime();
    for (Watched entry : watched.values()) {
      CronState state = states.get(entry.site.id());
      if (state != null && state.readable()) {
        entry.last = state;
        entry.lockSeen |= state.locked();
        if (state.stillDueOf(entry.site.cron()) == 0 && !state.locked()) {
          finish(entry, true, now);
          continue;
        }
      }
      if (now - entry.startNanos >= settleTimeout.toNanos()) {
        finish(entry, false, now);
      }
    }
  }

  private void expire() {
    long now = System.nanoTime();
    for (Watched entry : watched.values()) {
      if (now - entry.startNanos >= settleTimeout.toNanos()) {
        finish(entry, false, now);
      }
    }
  }

  private void finish(Watched entry, boolean finished, long now) {
    if (watched.remove(entry.site.id(), entry)) {
      entry.emitter.complete(
          new Settled(finished, entry.lockSeen, entry.last, (now - entry.startNanos) / 1_000_000));
    }
  }

  /**
   * How a watch ended: {@code finished} when the due events were gone and the lock released; {@code
   * lockSeen} when WordPress's lock showed in the database meanwhile; {@code last} the last state
   * read (null when none could be); {@code waitedMs} from the start of the watch.
   */
  public record Settled(boolean finished, boolean lockSeen, CronState last, long waitedMs) {}

  /** One site being watched. Its fields are touched by one poll at a time. */
  private static final class Watched {
    private final Site site;
    private final UniEmitter<? super Settled> emitter;
    private final long startNanos;
    private CronState last;
    private boolean lockSeen;

    private Watched(Site site, UniEmitter<? super Settled> emitter, long startNanos) {
      this.site = site;
      this.emitter = emitter;
      this.startNanos = startNanos;
    }
  }
}
