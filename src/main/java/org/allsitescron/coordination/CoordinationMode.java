package org.allsitescron.coordination;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.Optional;
import org.allsitescron.config.CronConfig;
import org.allsitescron.coordination.redis.RedisUpkeep;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Whether replicas coordinate through Redis or this process stands alone (embedded). */
@ApplicationScoped
public class CoordinationMode {

  private final boolean redis;
  private final boolean redisConfigured;
  private final Instance<RedisUpkeep> redisUpkeep;

  CoordinationMode(
      CronConfig config,
      @ConfigProperty(name = "quarkus.redis.hosts") Optional<String> hosts,
      Instance<RedisUpkeep> redisUpkeep) {
    this.redisUpkeep = redisUpkeep;
    this.redisConfigured = hosts.filter(h -> !h.isBlank()).isPresent();
    this.redis =
        switch (config.useRedisQueue()) {
          case AUTO -> redisConfigured;
          case TRUE -> true;
          case FALSE -> false;
        };
  }

  /** True when Redis coordinates; false in the embedded, single-instance mode. */
  public boolean isRedis() {
    return redis;
  }

  /**
   * The upkeep of the shared store: present when Redis coordinates, empty in the embedded mode
   * (nothing is kept outside this process, so there is nothing to check, clean up or replay).
   */
  public Optional<Upkeep> upkeep() {
    return redis ? Optional.of(redisUpkeep.get()) : Optional.empty();
  }

  /** Whether {@code quarkus.redis.hosts} is set at all. */
  public boolean isRedisConfigured() {
    return redisConfigured;
  }

  /** {@code redis} or {@code embedded}, as {@code /status} reports it. */
  public String label() {
    return redis ? "redis" : "embedded";
  }
}
