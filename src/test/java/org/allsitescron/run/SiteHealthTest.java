package org.allsitescron.run;

import static io.restassured.RestAssured.given;
import static org.allsitescron.support.Api.BASE;
import static org.allsitescron.support.Api.authed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.allsitescron.coordination.RedisKeys;
import org.allsitescron.coordination.SiteHealthStore;
import org.allsitescron.coordination.SiteRecord;
import org.allsitescron.coordination.redis.RedisCleanup;
import org.allsitescron.coordination.redis.RedisCommands;
import org.allsitescron.support.Api;
import org.allsitescron.support.SiteServer;
import org.allsitescron.support.TestNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Site health over several runs against the local Redis and the stand-in sites: back-off with
 * doubling windows, {@code ?site=}, and {@code /sites} filters and paging.
 */
@QuarkusTest
@TestProfile(HealthProfile.class)
class SiteHealthTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String DEAD = "site-03";

  @Inject RedisCleanup cleanup;
  @Inject RedisCommands redis;
  @Inject RedisKeys keys;
  @Inject SiteHealthStore store;

  SiteServer sites = TestNetwork.sites();

  @BeforeEach
  @AfterEach
  void clean() {
    cleanup.removeAll().await().atMost(WAIT);
    sites.reset();
    sites.delay(0);
  }

  @Test
  void aFailingSiteBacksOffWithDoublingWindowsIsRetriedAndRecovers() {
    sites.behave(DEAD, SiteServer.Behavior.FAIL_500);
    for (int run = 1; run <= 3; run++) {
      JsonPath answer = run();
      assertThat(answer.getInt("backoff")).isZero();
      assertThat(sites.hits(DEAD)).isEqualTo(run);
    }
    Map<String, Object> third = entry(DEAD);
    assertThat(third.get("state")).isEqualTo("backoff");
    assertThat(third.get("consecutive_failures")).isEqualTo(3);
    assertThat(third.get("backoff_level")).isEqualTo(1);
    assertThat(third.get("reason")).isEqualTo("HTTP 500");
    assertThat(third.get("http_outcome")).isEqualTo("http_error");

    // Inside the window: skipped, counted, not requested; the run still succeeds.
    JsonPath skipping = run();
    assertThat(sites.hits(DEAD)).isEqualTo(3);
    assertThat(skipping.getInt("count")).isEqualTo(20);
    assertThat(skipping.getInt("backoff")).isEqualTo(1);
    assertThat(skipping.getBoolean("success")).isTrue();
    assertThat(sites.hits("site-04")).isEqualTo(4);

    // The window ends: requested once, fails again, the next window is twice as long.
    Instant firstUntil = Instant.parse((String) third.get("backoff_until"));
    awaitPast(firstUntil);
    JsonPath retried = run();
    assertThat(sites.hits(DEAD)).isEqualTo(4);
    assertThat(retried.getInt("backoff")).isZero();
    Map<String, Object> fifth = entry(DEAD);
    assertThat(fifth.get("backoff_level")).isEqualTo(2);
    assertThat(windowOf(fifth, retried)).isEqualTo(10_000);
    run();
    assertThat(sites.hits(DEAD)).isEqualTo(4);

    // ?site= requests it at once although backed off; it still fails: a third, longer window.
    JsonPath checked =
        authed()
            .get(BASE + "/run?site=" + sites.url(SiteServer.HOSTS.get(0), DEAD) + "/")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(checked.getInt("count")).isEqualTo(1);
    assertThat(checked.getInt("errors")).isEqualTo(1);
    assertThat(sites.hits(DEAD)).isEqualTo(5);
    assertThat(sites.hits("site-04")).isEqualTo(6);
    assertThat(windowOf(entry(DEAD), checked)).isEqualTo(20_000);

    // Repaired: one success clears the back-off, and the next run requests it.
    sites.behave(DEAD, SiteServer.Behavior.OK);
    authed().get(BASE + "/run?site=3").then().statusCode(200).body("ok", equalTo(1));
    Map<String, Object> repaired = entry(DEAD);
    assertThat(repaired.get("state")).isEqualTo("ok");
    assertThat(repaired.get("consecutive_failures")).isEqualTo(0);
    assertThat(repaired).doesNotContainKeys("backoff_until", "backoff_level", "reason");
    run();
    assertThat(sites.hits(DEAD)).isEqualTo(7);
  }

  @Test
  void timeoutsAndConnectErrorsBackOffButA404DoesNot() {
    sites.behave("site-05", SiteServer.Behavior.HANG);
    sites.behave("site-06", SiteServer.Behavior.REDIRECT_OTHER_HOST);
    for (int run = 1; run <= 3; run++) {
      run();
    }
    assertThat(entry("site-05").get("state")).isEqualTo("backoff");
    assertThat(entry("site-05").get("http_outcome")).isEqualTo("timeout");
    assertThat(entry("site-06").get("state")).isEqualTo("failing");
    assertThat(entry("site-06").get("consecutive_failures")).isEqualTo(3);
    JsonPath summary = authed().get(BASE + "/sites").then().statusCode(200).extract().jsonPath();
    assertThat(summary.getLong("summary.sites")).isEqualTo(20);
    assertThat(summary.getLong("summary.backoff")).isEqualTo(1);
    assertThat(summary.getLong("summary.failing")).isEqualTo(1);
    assertThat(summary.getLong("summary.ok")).isEqualTo(18);
  }

  @Test
  void siteParameterRefusesWhatItCannotDo() {
    authed().get(BASE + "/run?site=999").then().statusCode(404);
    authed()
        .get(BASE + "/run?site=https://nowhere.example/")
        .then()
        .statusCode(404)
        .body("code", equalTo("all_sites_cron_site_not_found"));
    authed().get(BASE + "/run?site=3&defer=1").then().statusCode(400);
    authed().get(BASE + "/run?site=").then().statusCode(400);
    given().get(BASE + "/run?site=3").then().statusCode(401);
    assertThat(sites.allHits()).isEmpty();
  }

  @Test
  void sitesFiltersAndPagesOverThousandsOfSites() {
    long now = System.currentTimeMillis();
    Map<String, List<Long>> expected = new HashMap<>();
    List<SiteRecord> batch = new ArrayList<>();
    for (long id = 1; id <= 3_000; id++) {
      String state;
      SiteRecord record;
      String url = "https://example.org/s" + id;
      if (id % 11 == 0) {
        state = "backoff";
        record = record(id, url, "connect_error", 3, 0, now + 600_000);
      } else if (id % 7 == 0) {
        state = "behind";
        record = record(id, url, "ok", 0, now - 3_600_000, 0);
      } else if (id % 5 == 0) {
        state = "failing";
        record = record(id, url, "http_error", 1, 0, 0);
      } else {
        state = "ok";
        record = record(id, url, "ok", 0, 0, 0);
      }
      expected.computeIfAbsent(state, s -> new ArrayList<>()).add(id);
      expected.computeIfAbsent("all", s -> new ArrayList<>()).add(id);
      batch.add(record);
      if (batch.size() == 500) {
        store.save(batch).await().atMost(WAIT);
        batch = new ArrayList<>();
      }
    }

    for (String state : List.of("all", "ok", "failing", "behind", "backoff")) {
      assertThat(allPages(state, 233)).as(state).isEqualTo(expected.get(state));
    }
    JsonPath first = authed().get(BASE + "/sites?state=behind&limit=3").then().extract().jsonPath();
    assertThat(first.getList("sites.blog_id", Long.class)).containsExactly(7L, 14L, 21L);
    assertThat(first.getLong("sites[0].overdue_s")).isBetween(3_599L, 3_700L);
    assertThat(first.getString("next_cursor")).isEqualTo("21");
  }

  @Test
  void anExpiredSiteFadesFromTheListing() {
    long now = System.currentTimeMillis();
    store
        .save(
            List.of(
                record(1, "https://a.example", "ok", 0, 0, 0),
                record(2, "https://b.example", "ok", 0, 0, 0)))
        .await()
        .atMost(WAIT);
    assertThat(redis.run("PTTL", keys.site(1)).await().atMost(WAIT).toLong())
        .isGreaterThan(Duration.ofDays(6).toMillis());
    redis.run("DEL", keys.site(1)).await().atMost(WAIT);

    assertThat(allPages("all", 10)).containsExactly(2L);
    assertThat(redis.run("ZCARD", keys.sites()).await().atMost(WAIT).toLong()).isEqualTo(1);
    assertThat(now).isPositive();
  }

  @Test
  void sitesIsAuthenticatedAndValidatesItsParameters() {
    given().get(BASE + "/sites").then().statusCode(401);
    given().header("Authorization", "Bearer wrong").get(BASE + "/sites").then().statusCode(403);
    authed()
        .get(BASE + "/sites?state=sleeping")
        .then()
        .statusCode(400)
        .body("code", equalTo("rest_invalid_param"));
    authed().get(BASE + "/sites?limit=0").then().statusCode(400);
    authed().get(BASE + "/sites?limit=501").then().statusCode(400);
    authed().get(BASE + "/sites?cursor=abc").then().statusCode(400);
    authed()
        .get("/wp-json/all-sites-cron/v1/sites")
        .then()
        .statusCode(200)
        .body("state", equalTo("all"))
        .body("summary.sites", equalTo(0))
        .body("next_cursor", org.hamcrest.Matchers.nullValue());
  }

  private static SiteRecord record(
      long id, String url, String http, int failures, long overdueSince, long until) {
    long now = System.currentTimeMillis();
    return new SiteRecord(
        id,
        url,
        http,
        http.equals("ok") ? 200 : 0,
        failures > 0 ? "boom" : "",
        "",
        0,
        failures,
        failures,
        overdueSince,
        now,
        until > 0 ? 1 : 0,
        until);
  }

  private List<Long> allPages(String state, int limit) {
    List<Long> ids = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      String url = BASE + "/sites?state=" + state + "&limit=" + limit;
      JsonPath page =
          authed()
              .get(cursor == null ? url : url + "&cursor=" + cursor)
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      List<Long> found = page.getList("sites.blog_id", Long.class);
      assertThat(found.size()).isLessThanOrEqualTo(limit);
      page.getList("sites.state", String.class)
          .forEach(s -> assertThat(state.equals("all") || s.equals(state)).isTrue());
      ids.addAll(found);
      cursor = page.getString("next_cursor");
      assertThat(++pages).isLessThan(200);
    } while (cursor != null);
    return ids;
  }

  private static JsonPath run() {
    return authed().get(BASE + "/run").then().statusCode(200).extract().jsonPath();
  }

  private static Map<String, Object> entry(String site) {
    return Api.siteEntry(authed(), site);
  }

  /**
   * The back-off window, in milliseconds, that the run answered by {@code answer} set: its start to
   * the window's end.
   */
  private static long windowOf(Map<String, Object> entry, JsonPath answer) {
    String started =
        authed()
            .get(BASE + "/runs/" + answer.getString("run_id"))
            .then()
            .statusCode(200)
            .extract()
            .path("started_at");
    Instant until = Instant.parse((String) entry.get("backoff_until"));
    return until.toEpochMilli() - Instant.parse(started).toEpochMilli();
  }

  private static void awaitPast(Instant instant) {
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> Instant.now().isAfter(instant));
  }
}
