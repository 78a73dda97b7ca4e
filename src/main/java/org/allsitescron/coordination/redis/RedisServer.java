package org.allsitescron.coordination.redis;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import io.vertx.redis.client.impl.types.ErrorType;
import jakarta.enterprise.context.ApplicationScoped;

/** What the service needs to know about the Redis server itself: that it never evicts keys. */
@ApplicationScoped
public class RedisServer {

  /** The only eviction policy under which Redis never drops the service's keys. */
  public static final String NO_EVICTION = "noeviction";

  private final RedisCommands redis;

  RedisServer(RedisCommands redis) {
    this.redis = redis;
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
