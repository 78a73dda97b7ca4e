package org.allsitescron.coordination;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.allsitescron.config.CronConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Whether replicas coordinate through Redis or this process stands alone (embedded). */
@ApplicationScoped
public class CoordinationMode {

  private final boolean redis;
  private final boolean redisConfigured;

  CoordinationMode(
      CronConfig config, @ConfigProperty(name = "quarkus.redis.hosts") Optional<String> hosts) {
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

  /** Whether {@code quarkus.redis.hosts} is set at all. */
  public boolean isRedisConfigured() {
    return redisConfigured;
  }

  /** {@code redis} or {@code embedded}, as {@code /status} reports it. */
  public String label() {
    return redis ? "redis" : "embedded";
  }
}
