package org.allsitescron.ops;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Optional;
import org.allsitescron.coordination.CoordinationMode;
import org.allsitescron.coordination.CoordinationUnavailableException;
import org.allsitescron.coordination.Upkeep;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the coordination: with Redis, UP only when Redis takes a write the way a run needs
 * (a probe key with a short TTL under the key prefix, so a missing password, a full Redis or a
 * read-only replica shows), with the eviction policy in the details; embedded, always UP. The
 * details say why in words safe for anyone to read (no host, user or password); the log has the
 * client's own text (once per outage, see {@code OutageLog}). At start-up, warns loudly when Redis
 * may evict keys: an evicted lock lets runs overlap, an evicted queue loses jobs.
 */
@Readiness
@ApplicationScoped
public class RedisReadiness implements AsyncHealthCheck {

  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  private static final Duration START_UP_TIMEOUT = Duration.ofSeconds(5);

  private final CoordinationMode mode;

  RedisReadiness(CoordinationMode mode) {
    this.mode = mode;
  }

  void warnOfEviction(@Observes StartupEvent event) {
    Optional<Upkeep> upkeep = mode.upkeep();
    if (upkeep.isEmpty()) {
      return;
    }
    try {
      String policy = upkeep.get().evictionPolicy().await().atMost(START_UP_TIMEOUT);
      if (!Upkeep.NO_EVICTION.equals(policy)) {
        Log.warnf(
            "!!! Redis maxmemory-policy is '%s', not 'noeviction': under memory pressure Redis may"
                + " evict the run lock (runs overlap) or the job queue (jobs are lost)."
                + " Set 'maxmemory-policy noeviction' for this Redis. !!!",
            policy);
      }
    } catch (CoordinationUnavailableException e) {
      // The Redis client logs the outage once (WARN); readiness is DOWN until Redis works.
      Log.debugf("Eviction policy unknown at start-up: %s", e.getMessage());
    }
  }

  @Override
  public Uni<HealthCheckResponse> call() {
    HealthCheckResponseBuilder response =
        HealthCheckResponse.named("coordination").withData("mode", mode.label());
    Optional<Upkeep> upkeep = mode.upkeep();
    if (upkeep.isEmpty()) {
      return Uni.createFrom().item(response.up().build());
    }
    return upkeep
        .get()
        .check()
        .map(policy -> withPolicy(response, policy).up().build())
        .ifNoItem()
        .after(TIMEOUT)
        .fail()
        // Whatever the failure, it is the answer: DOWN, with a reason safe to show.
        .onFailure()
        .recoverWithItem(e -> down(response, e));
  }

  private static HealthCheckResponse down(HealthCheckResponseBuilder response, Throwable e) {
    if (e instanceof CoordinationUnavailableException unavailable) {
      return response
          .down()
          .withData("reason", unavailable.reason().label())
          .withData("error", unavailable.reason().explanation())
          .build();
    }
    if (e instanceof TimeoutException) {
      return response
          .down()
          .withData("reason", "timeout")
          .withData("error", "Redis gave no answer within " + TIMEOUT.toMillis() + " ms")
          .build();
    }
    return response
        .down()
        .withData("reason", "error")
        .withData("error", "Redis answered with an error (see the service's log)")
        .build();
  }

  private static HealthCheckResponseBuilder withPolicy(
      HealthCheckResponseBuilder response, String policy) {
    response.withData("maxmemory-policy", policy);
    if (!Upkeep.NO_EVICTION.equals(policy)) {
      response.withData(
          "warning", "maxmemory-policy is " + policy + ": Redis may evict the lock and the queue");
    }
    return response;
  }
}
