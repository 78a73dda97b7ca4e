package org.allsitescron.run;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;
import org.allsitescron.support.SharedRedis;

/**
 * Site health against the local Redis (a database index of its own), with back-off on and short
 * windows: 5s, then 10s, then 20s at most (runs take seconds on a busy machine).
 */
public class HealthProfile implements QuarkusTestProfile {

  public static final String HOSTS = SharedRedis.url(14);

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "quarkus.redis.hosts", HOSTS,
        "all-sites-cron.backoff.enabled", "true",
        "all-sites-cron.backoff.initial", "5s",
        "all-sites-cron.backoff.max", "20s");
  }
}
