package org.allsitescron.e2e;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.HashMap;
import java.util.Map;

/**
 * Points the service at the real WordPress network of {@code e2e/wordpress/} (source {@code
 * wordpress-db}, network 1, plain http), overriding the fixture database that {@code TestNetwork}
 * configures for every test application.
 */
public class WordpressE2eProfile implements QuarkusTestProfile {

  @Override
  public Map<String, String> getConfigOverrides() {
    Map<String, String> config = new HashMap<>();
    config.put("all-sites-cron.sites.source", "wordpress-db");
    config.put("all-sites-cron.sites.wordpress-db.scheme", "http");
    config.put("all-sites-cron.rate-limit-seconds", "0");
    // PHP-FPM answers wp-cron.php at once; a slow first request (opcache cold) is not a timeout.
    config.put("all-sites-cron.request-timeout", "10s");
    config.put("all-sites-cron.number-of-sites", "1000");
    // Without a rig, TestNetwork's fixture database (wordpress-shaped too) stays in place, so the
    // application starts and WordpressE2eTest skips (or fails when the rig is required).
    WordpressRig.find()
        .ifPresent(
            rig -> {
              config.put("quarkus.datasource.reactive.url", rig.get("WP_DB_REACTIVE_URL"));
              config.put("quarkus.datasource.username", rig.get("WP_DB_USER"));
              config.put("quarkus.datasource.password", rig.get("WP_DB_PASSWORD"));
              config.put(
                  "all-sites-cron.sites.wordpress-db.table-prefix", rig.get("WP_TABLE_PREFIX"));
              config.put("all-sites-cron.sites.wordpress-db.network-id", rig.get("WP_NETWORK_ID"));
            });
    return config;
  }

  /** {@code config} with the cron check in {@code mode}, polling every 100 ms. */
  static Map<String, String> withCronCheck(
      Map<String, String> config, String mode, String settleTimeout) {
    config.put("all-sites-cron.cron-check.mode", mode);
    config.put("all-sites-cron.cron-check.settle-timeout", settleTimeout);
    config.put("all-sites-cron.cron-check.poll-interval", "100ms");
    return config;
  }
}
