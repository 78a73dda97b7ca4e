package org.allsitescron.coordination.redis;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.allsitescron.coordination.RedisKeys;
import org.allsitescron.coordination.Upkeep;

/**
 * The dead-letter list ({@code <queue>:dead}) for the {@code dead-letters} command: read it, put an
 * entry's job back into the queue, empty it. Entries are the JSON the queue's {@code bury} wrote.
 */
@ApplicationScoped
public class RedisDeadLetters {

  private final RedisCommands redis;
  private final RedisKeys keys;

  RedisDeadLetters(RedisCommands redis, RedisKeys keys) {
    this.redis = redis;
    this.keys = keys;
  }

  /** {@code LLEN dead}, then {@code LRANGE dead 0 <limit-1>}. */
  public Uni<Upkeep.DeadLetters> read(int limit) {
    return redis
        .run("LLEN", keys.dead())
        .chain(
            total ->
                redis
                    .run("LRANGE", keys.dead(), "0", String.valueOf(limit - 1))
                    .map(entries -> new Upkeep.DeadLetters(total.toLong(), strings(entries))));
  }

  /**
   * Removes {@code entry} (exactly as read) and queues {@code job} at the tail, atomically; false
   * when the entry was no longer there (replayed, purged or trimmed meanwhile).
   */
  public Uni<Boolean> replay(String entry, String job) {
    return redis
        .eval(Script.DEAD_REPLAY, List.of(keys.dead(), keys.queue()), entry, job)
        .map(replayed -> replayed.toInteger() == 1);
  }

  /** Empties the list; returns how many entries it held. */
  public Uni<Long> purge() {
    return redis.eval(Script.DEAD_PURGE, List.of(keys.dead())).map(Response::toLong);
  }

  private static List<String> strings(Response response) {
    List<String> values = new ArrayList<>();
    if (response != null) {
      response.forEach(item -> values.add(item.toString()));
    }
    return values;
  }
}
