package org.allsitescron.coordination.redis;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import io.vertx.redis.client.impl.types.ErrorType;
import jakarta.enterprise.context.ApplicationScoped;
import org.allsitescron.coordination.CoordinationUnavailableException;
import org.allsitescron.coordination.RedisKeys;
import org.allsitescron.coordination.ReplicaIdentity;

/**
 * What the service needs to know about the Redis server itself: that it takes the service's writes
 * (authenticated, not full, not a replica) and never evicts keys.
 */
@ApplicationScoped
public class RedisServer {

  /** Time to live of the readiness probe's key. */
  static final String PROBE_TTL_MILLIS = "10000";

  private final RedisCommands redis;
  private final RedisKeys keys;
  private final ReplicaIdentity replica;

  RedisServer(RedisCommands redis, RedisKeys keys, ReplicaIdentity replica) {
    this.redis = redis;
    this.keys = keys;
    this.replica = replica;
  }

  /**
   * What a run needs, tried for real: {@code SET <prefix>probe:<replica> <now> PX 10000} (fails on
   * a missing password, a full Redis, a read-only replica), then the eviction policy. Fails with a
   * {@link org.allsitescron.coordination.CoordinationUnavailableException} saying why.
   */
  public Uni<String> check() {
    return redis
        .run(
            "SET",
            keys.probe(replica.name()),
            String.valueOf(System.currentTimeMillis()),
            "PX",
            PROBE_TTL_MILLIS)
        .chain(() -> listOrNone(keys.queue()))
        .chain(() -> listOrNone(keys.dead()))
        .chain(this::evictionPolicy);
  }

  /** {@code TYPE key}: another program's string where the queue should be breaks every drain. */
  private Uni<Void> listOrNone(String key) {
    return redis
        .run("TYPE", key)
        .map(
            type -> {
              String name = type.toString();
              if (!"list".equals(name) && !"none".equals(name)) {
                throw new CoordinationUnavailableException(
                    CoordinationUnavailableException.Reason.WRONGTYPE,
                    "Redis: " + key + " is a " + name + ", not a list",
                    null);
              }
              return null;
            })
        .replaceWithVoid();
  }

  /** RESP3 answers a map, RESP2 a flat pair. */
  private static String policyOf(Response reply) {
    if (reply.type() == ResponseType.MULTI && reply.containsKey("maxmemory-policy")) {
      return reply.get("maxmemory-policy").toString();
    }
    return reply.size() == 2 ? reply.get(1).toString() : "unknown";
  }

  /**
   * {@code CONFIG GET maxmemory-policy}; "unknown" where managed Redis services refuse {@code
   * CONFIG}.
   */
  public Uni<String> evictionPolicy() {
    return redis
        .run("CONFIG", "GET", "maxmemory-policy")
        .map(RedisServer::policyOf)
        .onFailure(ErrorType.class)
        .recoverWithItem("unknown");
  }
}
