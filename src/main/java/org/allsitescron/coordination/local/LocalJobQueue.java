package org.allsitescron.coordination.local;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.util.ArrayDeque;
import java.util.Deque;
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
  private final CronConfig.DeadLetters deadLetters;

  LocalJobQueue(CronConfig config) {
    this.deadLetters = config.redis().deadLetters();
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

  private synchronized Optional<Job> takeNow() {
    Job head = queue.peekFirst();
    if (head == null || head.retryAtMillis() > System.currentTimeMillis()) {
      return Optional.empty();
    }
    return Optional.of(queue.pollFirst());
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
