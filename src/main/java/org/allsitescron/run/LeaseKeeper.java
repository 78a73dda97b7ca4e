package org.allsitescron.run;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.allsitescron.coordination.Lease;
import org.allsitescron.coordination.RunLock;

/**
 * One run's lease on the lock, as this process can confirm it: each renewal is bounded in time, and
 * the lease counts as confirmed only until {@code t + lock-timeout - margin}, where {@code t} is
 * when the last renewal that Redis confirmed was sent. Redis cannot have let the lock expire before
 * {@code t + lock-timeout}, so a run that takes sites only while {@link #confirmed()} never
 * overlaps with the next holder, whatever Redis or the network does (hangs, refuses, comes back).
 */
final class LeaseKeeper {

  /** What one renewal came to. */
  enum Renewal {
    /** Redis extended the lock: confirmed for another lock-timeout minus the margin. */
    RENEWED,
    /** Redis answered that the lock is gone or someone else's. */
    LOST,
    /** No answer in time (Redis hangs, refuses, errs); the lease may still be confirmed. */
    FAILED
  }

  private final RunLock lock;
  private final Lease lease;
  private final long validNanos;
  private final Duration renewalTimeout;
  private final AtomicLong confirmedUntil;

  /**
   * @param lockTimeout the lock's time to live
   * @param margin what the lease's confirmation stops short of the lock's expiry
   * @param renewalTimeout the longest a renewal may take
   */
  LeaseKeeper(
      RunLock lock, Lease lease, Duration lockTimeout, Duration margin, Duration renewalTimeout) {
    this.lock = lock;
    this.lease = lease;
    this.validNanos = lockTimeout.minus(margin).toNanos();
    this.renewalTimeout = renewalTimeout;
    this.confirmedUntil = new AtomicLong(lease.requestedAtNanos() + validNanos);
  }

  Lease lease() {
    return lease;
  }

  /** Whether the lease is confirmed now: a site may be taken. */
  boolean confirmed() {
    return System.nanoTime() - confirmedUntil.get() < 0;
  }

  /** Milliseconds the lease stays confirmed without a further renewal (negative once past). */
  long confirmedForMillis() {
    return Duration.ofNanos(confirmedUntil.get() - System.nanoTime()).toMillis();
  }

  /**
   * One renewal, answered within the renewal timeout or, when longer, within what is left of the
   * lease (an answer that comes late still counts from when it was asked; past the lease it changes
   * nothing for sites already refused); never fails.
   */
  Uni<Renewal> renew() {
    long sentAt = System.nanoTime();
    Duration bound = max(renewalTimeout, Duration.ofMillis(confirmedForMillis()));
    return lock.renew(lease)
        .ifNoItem()
        .after(bound)
        .failWith(() -> new TimeoutException("no answer within " + bound))
        .map(held -> held ? confirm(sentAt) : Renewal.LOST)
        .onFailure()
        .recoverWithItem(
            e -> {
              Log.warnf(
                  "Could not renew the lock of run %s (confirmed for %d ms more): %s",
                  lease.owner(), confirmedForMillis(), e.getMessage());
              return Renewal.FAILED;
            });
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private Renewal confirm(long sentAt) {
    confirmedUntil.accumulateAndGet(sentAt + validNanos, (a, b) -> b - a > 0 ? b : a);
    return Renewal.RENEWED;
  }
}
