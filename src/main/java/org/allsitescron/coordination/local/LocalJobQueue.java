package org.allsitescron.coordination.local;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Optional;
import org.allsitescron.config.CronConfig;
import org.allsitescron.coordination.Job;
import org.allsitescron.coordination.JobQueue;
import org.allsitescron.coordination.QueueDepth;

/**
 * The queue of a single instance, in memory. A lone process has no other consumer to recover from,
 * so a taken job lives only with the worker that took it.
 */
@ApplicationScoped
@Typed(LocalJobQueue.class)
public class LocalJobQueue implements JobQueue {

  private final Deque<Job> queue = new ArrayDeque<>();
  private final Deque<String> dead = new ArrayDeque<>();
  private final LocalRunLock lock;
  private final long latestRetryMillis;
  private final CronConfig.DeadLetters deadLetters;

  LocalJobQueue(LocalRunLock lock, CronConfig config) {
    this.lock = lock;
    this.deadLetters = config.redis().deadLetters();
    this.latestRetryMillis =
        Job.latestRetry(config.lockTimeout(), config.redis().maxRetries()).toMillis();
  }

  @Override
  public Uni<Optional<Job>> take(String consumer) {
    return Uni.createFrom().item(this::takeNow);
  }

  @Override
  public Uni<Void> done(String consumer, Job job) {
    return Uni.createFrom().voidItem();
  }

  @Override
  public Uni<Void> requeue(String consumer, Job taken, Job job) {
    return Uni.createFrom().item(() -> push(job)).replaceWithVoid();
  }

  @Override
  public Uni<Void> bury(String consumer, Job job, String reason) {
    return Uni.createFrom()
        .item(
            () ->
                buryNow(job.buried(reason, System.currentTimeMillis(), deadLetters.maxJobLength())))
        .replaceWithVoid();
  }

  @Override
  public Uni<QueueDepth> depth() {
    return Uni.createFrom().item(this::depthNow);
  }

  /** A taken job never leaves this process's memory, so nothing is ever held over. */
  @Override
  public Uni<Integer> restore(String consumer) {
    return Uni.createFrom().item(0);
  }

  @Override
  public Uni<Void> heartbeat(String consumer) {
    return Uni.createFrom().voidItem();
  }

  @Override
  public Uni<Integer> recoverOrphans() {
    return Uni.createFrom().item(0);
  }

  /** The job waiting at the head, if any. */
  synchronized Optional<Job> waiting() {
    return Optional.ofNullable(queue.peekFirst());
  }

  synchronized boolean push(Job job) {
    return queue.add(job);
  }

  /** Same rules as {@code queue-take.lua}: the first due job; absurd retry times buried. */
  private synchronized Optional<Job> takeNow() {
    long now = System.currentTimeMillis();
    boolean locked = lock.isHeld();
    for (Iterator<Job> jobs = queue.iterator(); jobs.hasNext(); ) {
      Job job = jobs.next();
      if (job.retryAtMillis() > now + latestRetryMillis) {
        jobs.remove();
        buryNow(
            job.buried(
                "retry_at " + job.retryAtMillis() + " is beyond any retry",
                now,
                deadLetters.maxJobLength()));
      } else if (!locked || job.retryAtMillis() <= now) {
        jobs.remove();
        return Optional.of(job);
      }
    }
    return Optional.empty();
  }

  /** Keeps the newest {@code dead-letters.max-entries}, as the Redis kind does. */
  private synchronized boolean buryNow(String entry) {
    dead.add(entry);
    while (dead.size() > deadLetters.maxEntries()) {
      dead.pollFirst();
    }
    return true;
  }

  private synchronized QueueDepth depthNow() {
    return new QueueDepth(queue.size(), dead.size());
  }
}
