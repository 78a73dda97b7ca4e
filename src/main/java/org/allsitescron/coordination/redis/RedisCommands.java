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
import org.allsitescron.coordination.CoordinationUnavailableException.Reason;
import org.allsitescron.logging.OutageLog;

/**
 * The one way the Redis kinds talk to Redis. A failure to reach Redis, or a refusal of Redis to
 * work (no or wrong password, full, read-only replica, a key of the wrong type), becomes a {@link
 * CoordinationUnavailableException} with its reason (503, readiness DOWN); any other error reply (a
 * bug of ours) stays what it is. Outages are logged here, once, through an {@link OutageLog}: the
 * callers (worker, heartbeat, gauges) recover quietly.
 */
@ApplicationScoped
public class RedisCommands {

  private final ReactiveRedisDataSource redis;
  private final OutageLog outages = new OutageLog("Redis");

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
        .invoke(outages::ok)
        .onFailure(RedisCommands::isOutage)
        .transform(this::unavailable);
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

  private CoordinationUnavailableException unavailable(Throwable failure) {
    Reason reason = refusal(failure);
    if (reason == null) {
      reason = Reason.UNREACHABLE;
    }
    String detail = failure.getMessage() == null ? failure.toString() : failure.getMessage();
    outages.failed(reason.label(), detail);
    return new CoordinationUnavailableException(reason, "Redis: " + detail, failure);
  }

  /** Anything but an error reply, and those error replies that mean Redis will not work. */
  private static boolean isOutage(Throwable failure) {
    return !(failure instanceof ErrorType) || refusal(failure) != null;
  }

  /**
   * The refusal an error reply stands for, also when the connection's own handshake ({@code HELLO},
   * {@code SELECT}) got it and the client wrapped it.
   */
  private static Reason refusal(Throwable failure) {
    for (Throwable e = failure; e != null; e = e.getCause() == e ? null : e.getCause()) {
      Reason reason = CoordinationUnavailableException.ofErrorReply(e.getMessage());
      if (reason != null) {
        return reason;
      }
    }
    return null;
  }
}
