package org.allsitescron.sites;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * Sites from the WordPress fixture database, network 1, in small batches (so a run crosses several
 * keyset pages), with tight caps the stand-in server can measure.
 */
public class WordpressDbProfile implements QuarkusTestProfile {

  static final int CONCURRENCY = 6;
  static final int PER_HOST = 2;

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "all-sites-cron.sites.source", "wordpress-db",
        "all-sites-cron.sites.wordpress-db.network-id", "1",
        "all-sites-cron.sites.wordpress-db.scheme", "http",
        "all-sites-cron.batch-size", "7",
        "all-sites-cron.number-of-sites", "1000",
        "all-sites-cron.concurrency", String.valueOf(CONCURRENCY),
        "all-sites-cron.per-host-concurrency", String.valueOf(PER_HOST));
  }
}
