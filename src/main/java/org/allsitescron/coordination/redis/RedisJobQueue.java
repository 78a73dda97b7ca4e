package org.allsitescron.coordination.redis;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.allsitescron.config.CronConfig;
import org.allsitescron.coordination.Job;
import org.allsitescron.coordination.JobQueue;
import org.allsitescron.coordination.QueueDepth;
import org.allsitescron.coordination.RedisKeys;

/**
 * The queue in Redis, shared with the old plugin ({@code RPUSH} at the tail, taken from the head).
 * A taken job is moved atomically into its consumer's processing list and leaves it only as done,
 * requeued or buried; a consumer whose heartbeat expired has its jobs put back by whoever notices.
 */
@ApplicationScoped
@Typed(RedisJobQueue.class)
public class RedisJobQueue implements JobQueue {

  private final RedisCommands redis;
  private final RedisKeys keys;

  /** Entries {@code queue-take.lua} looks at for a due job, from the head. */
  static final int LOOKED_AT = 100;

  private final String heartbeatTtlMillis;
  private final String latestRetryMillis;
  private final CronConfig.DeadLetters deadLetters;

  RedisJobQueue(RedisCommands redis, RedisKeys keys, CronConfig config) {
    this.redis = redis;
    this.keys = keys;
    this.latestRetryMillis =
        String.valueOf(
            Job.latestRetry(config.lockTimeout(), config.redis().maxRetries()).toMillis());
    this.heartbeatTtlMillis =
        String.valueOf(config.worker().heartbeatInterval().multipliedBy(3).toMillis());
    this.deadLetters = config.redis().deadLetters();
  }

  @Override
  public Uni<Optional<Job>> take(String consumer) {
    return redis
        .eval(
            Script.QUEUE_TAKE,
            List.of(
                keys.queue(),
                keys.processing(consumer),
                keys.consumers(),
                keys.lock(),
                keys.dead()),
            String.valueOf(System.currentTimeMillis()),
            consumer,
            latestRetryMillis,
            String.valueOf(LOOKED_AT),
            String.valueOf(deadLetters.maxJobLength()))
        .invoke(RedisJobQueue::logBuried)
        .call(reply -> reply.get(1).toLong() > 0 ? trimDead() : Uni.createFrom().voidItem())
        .map(reply -> Optional.ofNullable(reply.get(0)).map(Response::toString).map(Job::parse));
  }

  private static void logBuried(Response reply) {
    long buried = reply.get(1).toLong();
    if (buried > 0) {
      Log.warnf(
          "Moved %d job(s) to the dead-letter list: their retry_at lies beyond any retry", buried);
    }
  }

  @Override
  public Uni<Void> done(String consumer, Job job) {
    return move(consumer, job, keys.queue(), "", "tail");
  }

  /** Back at the head: the job was first in line and stays so. */
  @Override
  public Uni<Void> requeue(String consumer, Job taken, Job job) {
    return move(consumer, taken, keys.queue(), job.raw(), "head");
  }

  /**
   * {@code queue-move.lua} into the dead-letter list, then {@code LTRIM}: the list keeps its newest
   * {@code dead-letters.max-entries} (a failed trim only delays the bound).
   */
  @Override
  public Uni<Void> bury(String consumer, Job job, String reason) {
    String entry = job.buried(reason, System.currentTimeMillis(), deadLetters.maxJobLength());
    return move(consumer, job, keys.dead(), entry, "tail").chain(this::trimDead);
  }

  /** {@code LTRIM dead -<dead-letters.max-entries> -1}: keeps the newest entries. */
  private Uni<Void> trimDead() {
    return redis
        .run("LTRIM", keys.dead(), String.valueOf(-deadLetters.maxEntries()), "-1")
        .replaceWithVoid();
  }

  @Override
  public Uni<QueueDepth> depth() {
    return Uni.combine()
        .all()
        .unis(redis.run("LLEN", keys.queue()), redis.run("LLEN", keys.dead()))
        .with((length, dead) -> new QueueDepth(length.toLong(), dead.toLong()));
  }

  /** {@code SET heartbeat:<consumer> 1 PX <3 intervals>}. */
  @Override
  public Uni<Void> heartbeat(String consumer) {
    return redis
        .run("SET", keys.heartbeat(consumer), "1", "PX", heartbeatTtlMillis)
        .replaceWithVoid();
  }

  /** {@code SMEMBERS consumers}, then {@code queue-reclaim.lua} for each (it skips live ones). */
  @Override
  public Uni<Integer> recoverOrphans() {
    return redis
        .run("SMEMBERS", keys.consumers())
        .map(RedisJobQueue::strings)
        .onItem()
        .transformToMulti(consumers -> Multi.createFrom().iterable(consumers))
        .onItem()
        .transformToUniAndConcatenate(this::reclaim)
        .collect()
        .with(java.util.stream.Collectors.summingInt(Integer::intValue));
  }

  @Override
  public Uni<Integer> restore(String consumer) {
    return reclaim(consumer, "own");
  }

  private Uni<Integer> reclaim(String consumer) {
    return reclaim(consumer, "dead");
  }

  private Uni<Integer> reclaim(String consumer, String whose) {
    return redis
        .eval(
            Script.QUEUE_RECLAIM,
            List.of(
                keys.processing(consumer),
                keys.queue(),
                keys.heartbeat(consumer),
                keys.consumers()),
            consumer,
            whose)
        .map(moved -> moved.toInteger())
        .invoke(
            moved -> {
              if (moved > 0) {
                Log.warnf(
                    "Put back %d job(s) of consumer %s, whose heartbeat expired", moved, consumer);
              }
            });
  }

  private Uni<Void> move(String consumer, Job taken, String to, String entry, String end) {
    return redis
        .eval(Script.QUEUE_MOVE, List.of(keys.processing(consumer), to), taken.raw(), entry, end)
        .replaceWithVoid();
  }

  private static List<String> strings(Response response) {
    List<String> values = new ArrayList<>();
    if (response != null) {
      response.forEach(item -> values.add(item.toString()));
    }
    return values;
  }
}
