package org.allsitescron.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.RestAssured;
import java.time.Duration;
import org.allsitescron.support.OwnRedis;
import org.allsitescron.support.ServiceProcess;
import org.allsitescron.support.SiteServer;
import org.junit.jupiter.api.Test;

/**
 * Redis configured but unreachable: no fallback (replicas could overlap), 503 with Retry-After and
 * readiness DOWN; once Redis is back the service recovers by itself.
 */
class RedisOutageIT {

  @Test
  void answers503WhileRedisIsDownAndRecoversWhenItReturns() throws Exception {
    try (SiteServer sites = SiteServer.start(0);
        OwnRedis redis = OwnRedis.start();
        ServiceProcess service =
            ServiceProcess.named("outage")
                .with("quarkus.redis.hosts", redis.url())
                .with("all-sites-cron.rate-limit-seconds", "0")
                .with("all-sites-cron.sites.static[0]", sites.url("127.0.0.1", "a"))
                .start()) {
      service.api().get("/all-sites-cron/v1/run").then().statusCode(200).body("count", equalTo(1));

      redis.down();

      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  service
                      .api()
                      .get("/all-sites-cron/v1/run?defer=1")
                      .then()
                      .statusCode(503)
                      .header("Retry-After", "5")
                      .body("success", equalTo(false))
                      .body("code", equalTo("all_sites_cron_redis_unavailable"))
                      .body("data.status", equalTo(503)));
      service
          .api()
          .get("/all-sites-cron/v1/run?ga=1")
          .then()
          .statusCode(503)
          .body(containsString("::error::Redis is unavailable"));
      RestAssured.given()
          .port(service.port())
          .get("/q/health/ready")
          .then()
          .statusCode(503)
          .body(containsString("\"coordination\""))
          .body(containsString("DOWN"));
      assertThat(sites.hits("a")).isEqualTo(1);

      redis.up();

      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  RestAssured.given()
                      .port(service.port())
                      .get("/q/health/ready")
                      .then()
                      .statusCode(200));
      service.api().get("/all-sites-cron/v1/run").then().statusCode(200);
      assertThat(sites.hits("a")).isEqualTo(2);
    }
  }
}
