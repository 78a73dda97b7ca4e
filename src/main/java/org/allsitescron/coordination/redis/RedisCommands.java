package org.allsitescron.coordination.redis;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.impl.types.ErrorType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.ArrayList;
import java.util.List;
import org.allsitescron.coordination.CoordinationUnavailableException;

/**
 * The one way the Redis kinds talk to Redis. A failure to reach Redis becomes a {@link
 * CoordinationUnavailableException} (503, readiness DOWN); an error reply from Redis itself (a bug
 * of ours) stays what it is.
 */
@ApplicationScoped
public class RedisCommands {

  private final ReactiveRedisDataSource redis;

  /**
   * Looked up, not injected: in the embedded mode the Redis client is inactive, and a plain
   * injection point would make Quarkus try to start it.
   */
  RedisCommands(Instance<ReactiveRedisDataSource> redis) {
    this.redis = redis.get();
  }

  /** Runs one command. */
  public Uni<Response> run(String command, String... args) {
    return redis
        .execute(command, args)
        .onFailure(RedisCommands::isUnreachable)
        .transform(e -> new CoordinationUnavailableException("Redis: " + e.getMessage(), e));
  }

  /** Runs a script with its keys and arguments ({@code EVAL}; Redis caches the compiled script). */
  Uni<Response> eval(Script script, List<String> keys, String... args) {
    List<String> all = new ArrayList<>(2 + keys.size() + args.length);
    all.add(script.source());
    all.add(String.valueOf(keys.size()));
    all.addAll(keys);
    all.addAll(List.of(args));
    return run("EVAL", all.toArray(String[]::new));
  }

  private static boolean isUnreachable(Throwable failure) {
    return !(failure instanceof ErrorType);
  }
}
