package org.allsitescron.run;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;
import org.allsitescron.support.SharedRedis;

/**
 * Site health against the local Redis (a database index of its own), with back-off on and short
 * windows: 2s, then 4s, then 8s at most.
 */
public class HealthProfile implements QuarkusTestProfile {

  public static final String HOSTS = SharedRedis.url(14);

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "quarkus.redis.hosts", HOSTS,
        "all-sites-cron.backoff.enabled", "true",
        "all-sites-cron.backoff.initial", "2s",
        "all-sites-cron.backoff.max", "8s");
  }
}
