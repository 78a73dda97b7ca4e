package org.allsitescron.coordination;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;
import org.allsitescron.support.SharedRedis;

/**
 * The local Redis, in a database index of the tests' own, with a short lock for renewal tests and a
 * low concurrency, so the 20 sites go in four waves and a run can be cut short.
 */
public class RedisProfile implements QuarkusTestProfile {

  public static final String HOSTS = SharedRedis.url(11);

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "quarkus.redis.hosts", HOSTS,
        "all-sites-cron.lock-timeout", "3s",
        "all-sites-cron.concurrency", "5",
        "all-sites-cron.redis.max-retries", "2");
  }
}
