package org.allsitescron.ops;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import org.allsitescron.coordination.CoordinationMode;
import org.allsitescron.coordination.redis.RedisServer;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the coordination: with Redis, DOWN while Redis does not answer (the service then
 * refuses triggers with 503 rather than risk overlapping runs), with the eviction policy in the
 * details; embedded, always UP.
 */
@Readiness
@ApplicationScoped
public class RedisReadiness implements AsyncHealthCheck {

  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  private final CoordinationMode mode;
  private final Instance<RedisServer> redis;

  RedisReadiness(CoordinationMode mode, Instance<RedisServer> redis) {
    this.mode = mode;
    this.redis = redis;
  }

  @Override
  public Uni<HealthCheckResponse> call() {
    HealthCheckResponseBuilder response =
        HealthCheckResponse.named("coordination").withData("mode", mode.label());
    if (!mode.isRedis()) {
      return Uni.createFrom().item(response.up().build());
    }
    // CONFIG GET reaches Redis like a PING would, and tells the eviction policy on the way.
    return redis
        .get()
        .evictionPolicy()
        .map(policy -> withPolicy(response, policy).up().build())
        .ifNoItem()
        .after(TIMEOUT)
        .fail()
        .onFailure()
        .recoverWithItem(
            e -> response.down().withData("error", String.valueOf(e.getMessage())).build());
  }

  private static HealthCheckResponseBuilder withPolicy(
      HealthCheckResponseBuilder response, String policy) {
    response.withData("maxmemory-policy", policy);
    if (!RedisServer.NO_EVICTION.equals(policy)) {
      response.withData(
          "warning", "maxmemory-policy is " + policy + ": Redis may evict the lock and the queue");
    }
    return response;
  }
}
