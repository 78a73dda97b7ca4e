package org.allsitescron.coordination.redis;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.allsitescron.coordination.Upkeep;

/** The upkeep of the Redis that coordinates: its server, the cleanup and the dead-letter list. */
@ApplicationScoped
public class RedisUpkeep implements Upkeep {

  private final RedisServer server;
  private final RedisCleanup cleanup;
  private final RedisDeadLetters deadLetters;

  RedisUpkeep(RedisServer server, RedisCleanup cleanup, RedisDeadLetters deadLetters) {
    this.server = server;
    this.cleanup = cleanup;
    this.deadLetters = deadLetters;
  }

  @Override
  public Uni<String> check() {
    return server.check();
  }

  @Override
  public Uni<String> evictionPolicy() {
    return server.evictionPolicy();
  }

  @Override
  public Uni<List<String>> removeAll() {
    return cleanup.removeAll();
  }

  @Override
  public Uni<DeadLetters> deadLetters(int limit) {
    return deadLetters.read(limit);
  }

  @Override
  public Uni<Boolean> replay(String entry, String job) {
    return deadLetters.replay(entry, job);
  }

  @Override
  public Uni<Long> purgeDeadLetters() {
    return deadLetters.purge();
  }
}
