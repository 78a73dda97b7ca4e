package org.allsitescron.dispatch;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Per-host admission for one run: at most {@code permits} requests in flight to a host, started at
 * most {@code ratePerSecond} a second (0 = unpaced). A subdirectory network is one host and one
 * PHP-FPM pool, and {@code wp-cron.php} keeps a worker busy after it answered, so the global cap
 * alone would let one run occupy the whole pool.
 */
final class HostGate {

  private final int permits;
  private final long intervalNanos;
  private final Map<String, Lane> lanes = new ConcurrentHashMap<>();

  HostGate(int permits, double ratePerSecond) {
    this.permits = permits;
    this.intervalNanos = ratePerSecond > 0 ? Math.round(1_000_000_000d / ratePerSecond) : 0;
  }

  /**
   * Runs {@code work} once a slot for {@code host} is free and the host's pace allows it; the slot
   * is given back when the work ends, fails or is cancelled, or when the caller cancels first.
   */
  <T> Uni<T> through(String host, Supplier<Uni<T>> work) {
    Waiter waiter = new Waiter(host);
    return Uni.createFrom()
        .<Permit>emitter(emitter -> waiter.await(emitter))
        .chain(permit -> permit.guard(work))
        .onCancellation()
        .invoke(waiter::cancel);
  }

  /** Hosts with a request in flight or waiting, or still inside their pace; idle ones are gone. */
  int activeHosts() {
    return lanes.size();
  }

  private void enqueue(Waiter waiter) {
    Permit[] granted = new Permit[1];
    // compute() runs atomically per host, so cap and pace can never be overtaken by a racing call.
    lanes.compute(
        waiter.host,
        (key, lane) -> {
          Lane current = lane == null ? new Lane() : lane;
          if (current.inFlight < permits) {
            granted[0] = current.grant(waiter.host, System.nanoTime());
          } else {
            current.waiting.add(waiter);
          }
          return current;
        });
    if (granted[0] != null) {
      waiter.hand(granted[0]);
    }
  }

  private void leave(String host) {
    Waiter[] next = new Waiter[1];
    Permit[] granted = new Permit[1];
    lanes.compute(
        host,
        (key, lane) -> {
          lane.inFlight--;
          long now = System.nanoTime();
          if (!lane.waiting.isEmpty()) {
            next[0] = lane.waiting.poll();
            granted[0] = lane.grant(host, now);
          }
          return lane.isIdle(now) ? null : lane;
        });
    if (next[0] != null) {
      next[0].hand(granted[0]);
    }
  }

  /** One host's slots, waiters and pace. Guarded by {@code lanes.compute} on its host. */
  private final class Lane {
    private int inFlight;
    private long nextStartNanos;
    private boolean paced;
    private final Queue<Waiter> waiting = new ArrayDeque<>();

    private Permit grant(String host, long now) {
      inFlight++;
      long delay = 0;
      if (intervalNanos > 0) {
        long start = paced && nextStartNanos - now > 0 ? nextStartNanos : now;
        delay = start - now;
        nextStartNanos = start + intervalNanos;
        paced = true;
      }
      return new Permit(host, delay);
    }

    private boolean isIdle(long now) {
      return inFlight == 0 && waiting.isEmpty() && (!paced || nextStartNanos - now <= 0);
    }
  }

  /** One request waiting for its host's slot. */
  private final class Waiter {
    private final String host;
    private UniEmitter<? super Permit> emitter;
    private Permit permit;
    private boolean cancelled;

    private Waiter(String host) {
      this.host = host;
    }

    private void await(UniEmitter<? super Permit> emitter) {
      synchronized (this) {
        this.emitter = emitter;
      }
      enqueue(this);
    }

    private void hand(Permit granted) {
      boolean give;
      synchronized (this) {
        permit = granted;
        give = !cancelled;
      }
      if (give) {
        emitter.complete(granted);
      } else {
        granted.release();
      }
    }

    /** The caller went away: a slot already handed over goes straight back. */
    private void cancel() {
      Permit held;
      synchronized (this) {
        cancelled = true;
        held = permit;
      }
      if (held != null) {
        held.release();
      }
    }
  }

  /** A held slot, released exactly once whatever becomes of the work it guards. */
  private final class Permit {
    private final String host;
    private final long delayNanos;
    private boolean released;

    private Permit(String host, long delayNanos) {
      this.host = host;
      this.delayNanos = delayNanos;
    }

    private <T> Uni<T> guard(Supplier<Uni<T>> work) {
      Uni<Void> start = Uni.createFrom().voidItem();
      if (delayNanos > 0) {
        start = start.onItem().delayIt().by(Duration.ofNanos(delayNanos));
      }
      Uni<T> guarded = start.chain(ignored -> work.get());
      return guarded.onTermination().invoke(this::release);
    }

    private void release() {
      synchronized (this) {
        if (released) {
          return;
        }
        released = true;
      }
      leave(host);
    }
  }
}
