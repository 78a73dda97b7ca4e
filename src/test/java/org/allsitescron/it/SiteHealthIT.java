package org.allsitescron.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.allsitescron.support.Api;
import org.allsitescron.support.RedisCli;
import org.allsitescron.support.Scrape;
import org.allsitescron.support.ServiceProcess;
import org.allsitescron.support.SharedRedis;
import org.allsitescron.support.SiteServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Site health kept in Redis by built replicas: one replica's runs back a dead site off, the other
 * replica sees it and skips it, and the state survives both replicas being replaced.
 */
class SiteHealthIT {

  private static final int DB = 15;
  private static final String PREFIX = "all_sites_cron:";
  private static final int SITES = 6;
  private static final String DEAD = "site-2";

  static SiteServer sites;
  static RedisCli redis = new RedisCli(SharedRedis.PORT, DB);

  @BeforeAll
  static void start() {
    redis.deleteAll(PREFIX + "*");
    sites = SiteServer.start(0);
  }

  @AfterAll
  static void stop() throws Exception {
    sites.close();
    redis.deleteAll(PREFIX + "*");
  }

  @Test
  void stateIsSharedByReplicasAndSurvivesTheirRestart() throws Exception {
    sites.behave(DEAD, SiteServer.Behavior.FAIL_500);
    try (ServiceProcess a = replica("health-a");
        ServiceProcess b = replica("health-b")) {
      for (int i = 0; i < 3; i++) {
        run(a);
      }
      assertThat(sites.hits(DEAD)).isEqualTo(3);
      // The other replica sees the back-off and skips the site.
      assertThat(entry(b, DEAD).get("state")).isEqualTo("backoff");
      assertThat(run(b).getInt("backoff")).isEqualTo(1);
      assertThat(sites.hits(DEAD)).isEqualTo(3);
      assertThat(sites.hits("site-1")).isEqualTo(4);
    }
    // Both replicas gone; new ones read the same state from Redis.
    try (ServiceProcess c = replica("health-c")) {
      Map<String, Object> kept = entry(c, DEAD);
      assertThat(kept.get("state")).isEqualTo("backoff");
      assertThat(kept.get("consecutive_failures")).isEqualTo(3);
      assertThat(kept.get("reason")).isEqualTo("HTTP 500");
      JsonPath page = c.api().get("/all-sites-cron/v1/sites").then().extract().jsonPath();
      assertThat(page.getLong("summary.sites")).isEqualTo(SITES);
      assertThat(page.getLong("summary.backoff")).isEqualTo(1);
      assertThat(page.getLong("summary.ok")).isEqualTo(SITES - 1);
      assertThat(run(c).getInt("backoff")).isEqualTo(1);
      assertThat(sites.hits(DEAD)).isEqualTo(3);
      // The gauges read the summary after each run (and every metrics.queue-poll-interval).
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () -> {
                // By sample, not by text: the exposition format varies (a trailing comma or not).
                Scrape scrape =
                    Scrape.of(c.api().accept(Scrape.TEXT_FORMAT).get("/q/metrics").asString());
                assertThat(scrape.value("all_sites_cron_sites_state", "state", "backoff"))
                    .isEqualTo(1.0);
                assertThat(scrape.value("all_sites_cron_sites_backed_off")).isEqualTo(1.0);
              });
    }
    List<String> ttl = redis.run("PTTL", PREFIX + "site:2");
    assertThat(Long.parseLong(ttl.get(0))).isGreaterThan(Duration.ofDays(6).toMillis());
  }

  private static ServiceProcess replica(String name) throws Exception {
    ServiceProcess.Builder builder =
        ServiceProcess.named(name)
            .with("quarkus.redis.hosts", SharedRedis.url(DB))
            .with("all-sites-cron.rate-limit-seconds", "0")
            .with("all-sites-cron.backoff.initial", "10m")
            .with("all-sites-cron.request-timeout", "5s");
    for (int i = 1; i <= SITES; i++) {
      builder.with(
          "all-sites-cron.sites.static[" + (i - 1) + "]", sites.url("127.0.0.1", "site-" + i));
    }
    return builder.start();
  }

  private static JsonPath run(ServiceProcess replica) {
    return replica.api().get("/all-sites-cron/v1/run").then().statusCode(200).extract().jsonPath();
  }

  private static Map<String, Object> entry(ServiceProcess replica, String site) {
    return Api.siteEntry(replica.api(), site);
  }
}
