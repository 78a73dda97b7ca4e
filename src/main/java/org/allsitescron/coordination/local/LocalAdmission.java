package org.allsitescron.coordination.local;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.util.Optional;
import org.allsitescron.config.CronConfig;
import org.allsitescron.coordination.Admission;
import org.allsitescron.coordination.Decision;
import org.allsitescron.coordination.Job;
import org.allsitescron.coordination.Lease;
import org.allsitescron.coordination.Ticket;

/** Admission of a single instance: one monitor makes cooldown, lock and queue one step. */
@ApplicationScoped
@Typed(LocalAdmission.class)
public class LocalAdmission implements Admission {

  private final LocalRunLock lock;
  private final LocalJobQueue queue;
  private final long cooldownMillis;
  private long lastAcceptedMillis;

  LocalAdmission(LocalRunLock lock, LocalJobQueue queue, CronConfig config) {
    this.lock = lock;
    this.queue = queue;
    this.cooldownMillis = config.rateLimitSeconds() * 1000L;
  }

  @Override
  public Uni<Decision> admit(Ticket ticket) {
    return Uni.createFrom().item(() -> decide(ticket));
  }

  @Override
  public Uni<Long> cooldownRemaining() {
    return Uni.createFrom().item(() -> remainingSeconds(System.currentTimeMillis()));
  }

  /**
   * One decision under both monitors: this one (cooldown, queue) and the lock's, so nothing (the
   * worker's {@code tryAcquire}) can take the lock between "is it free?" and "take it". The order
   * is always this, then the lock; the lock never calls back, so the two cannot deadlock.
   */
  private synchronized Decision decide(Ticket ticket) {
    long now = System.currentTimeMillis();
    long remaining = remainingSeconds(now);
    if (remaining > 0) {
      return new Decision.RateLimited(remaining, lastAcceptedMillis / 1000);
    }
    synchronized (lock) {
      if (lock.isHeld()) {
        return new Decision.Locked();
      }
      if (ticket.isDeferred()) {
        Optional<Job> waiting = queue.waiting();
        if (waiting.isPresent()) {
          return new Decision.AlreadyQueued(waiting.get().runId());
        }
        queue.push(ticket.job());
        lastAcceptedMillis = now;
        return new Decision.Queued(ticket.runId());
      }
      Lease lease = lock.acquireNow(ticket.runId());
      if (lease == null) {
        return new Decision.Locked();
      }
      lastAcceptedMillis = now;
      return new Decision.Accepted(lease);
    }
  }

  private synchronized long remainingSeconds(long now) {
    if (cooldownMillis == 0 || lastAcceptedMillis == 0) {
      return 0;
    }
    long left = lastAcceptedMillis + cooldownMillis - now;
    return left <= 0 ? 0 : (left + 999) / 1000;
  }
}
