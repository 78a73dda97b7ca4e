package org.allsitescron.api;

import static org.allsitescron.support.Api.BASE;
import static org.allsitescron.support.Api.authed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.Map;
import org.allsitescron.support.TestNetwork;
import org.junit.jupiter.api.Test;

/** The cooldown between accepted triggers. */
@QuarkusTest
@TestProfile(RateLimitTest.Cooldown.class)
class RateLimitTest {

  /** A six-second cooldown: long enough for the checks below on a busy machine. */
  public static class Cooldown implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("all-sites-cron.rate-limit-seconds", "6");
    }
  }

  @Test
  void secondTriggerInsideTheCooldownIs429ThenAcceptedAfterIt() {
    TestNetwork.sites().reset();
    authed().get(BASE + "/run").then().statusCode(200);

    Response limited = authed().get(BASE + "/run");
    limited
        .then()
        .statusCode(429)
        .body("success", equalTo(false))
        .body("error", equalTo("rate_limited"))
        .body("code", equalTo("all_sites_cron_rate_limited"))
        .body("cooldown", equalTo(6))
        .body("data.status", equalTo(429))
        .body("message", startsWith("Rate limited. Try again in "));
    int retryAfter = Integer.parseInt(limited.header("Retry-After"));
    assertThat(retryAfter).isBetween(1, 6);
    assertThat(limited.jsonPath().getInt("retry_after")).isEqualTo(retryAfter);
    assertThat(limited.jsonPath().getString("last_run_gmt")).isNotBlank();
    authed().get(BASE + "/run?defer=1").then().statusCode(429);
    authed()
        .get(BASE + "/run?ga=1")
        .then()
        .statusCode(429)
        .body(startsWith("::error::Rate limited."));
    // A dry run is not a trigger: it passes auth only.
    authed().get(BASE + "/run?dry_run=1").then().statusCode(200);
    assertThat(TestNetwork.sites().hits("site-01")).isEqualTo(1);

    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(() -> authed().get(BASE + "/run").then().statusCode(200));
    assertThat(TestNetwork.sites().hits("site-01")).isEqualTo(2);
  }
}
