package org.allsitescron.it;

import static org.allsitescron.it.Failures.ACCEPTS;
import static org.allsitescron.it.Failures.abortedRun;
import static org.allsitescron.it.Failures.assertError;
import static org.allsitescron.it.Failures.assertJson;
import static org.allsitescron.it.Failures.get;
import static org.allsitescron.it.Failures.linesIn10s;
import static org.allsitescron.it.Failures.readiness;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.allsitescron.support.FreePorts;
import org.allsitescron.support.OwnRedis;
import org.allsitescron.support.ServiceProcess;
import org.allsitescron.support.SiteServer;
import org.junit.jupiter.api.Test;

/**
 * Redis that answers but will not work, and Redis lost mid-run, against the built service: every
 * route answers {@code 503 all_sites_cron_redis_unavailable} with the reason in JSON, readiness is
 * DOWN saying why (and nothing secret), the log stays quiet, and nothing is left behind as a ghost.
 */
class RedisRefusalIT {

  private static final String RUN = "/all-sites-cron/v1/run";
  private static final String DRY = "/all-sites-cron/v1/run?dry_run=1";
  private static final String DEFER = "/all-sites-cron/v1/run?defer=1";
  private static final String STATUS = "/all-sites-cron/v1/status";
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String PASSWORD = "s3cret-redis-pass";

  @Test
  void aPasswordTheServiceDoesNotHaveIsNoauthEverywhere() throws Exception {
    try (SiteServer sites = SiteServer.start(0);
        OwnRedis redis = OwnRedis.start(List.of(), PASSWORD);
        ServiceProcess service = service("noauth", redis, sites).start()) {
      for (String accept : ACCEPTS) {
        assertReason(assertError(get(service, RUN, accept), accept, 503, UNAVAILABLE), "noauth");
        assertReason(assertError(get(service, DEFER, accept), accept, 503, UNAVAILABLE), "noauth");
        assertReason(assertError(get(service, STATUS, accept), accept, 503, UNAVAILABLE), "noauth");
        // A dry run needs no Redis: it lists the static sites.
        Response dry = get(service, DRY, accept);
        JsonPath preview = assertJson(dry, accept, 200);
        if (dry.statusCode() == 200) {
          assertThat(preview.getInt("count")).isOne();
        }
      }
      Map<String, Object> data =
          readiness(
              service, "coordination", 503, "127.0.0.1", String.valueOf(redis.port()), PASSWORD);
      assertThat(data).containsEntry("reason", "noauth");
      assertThat(sites.hits("a")).isZero();

      List<String> lines = linesIn10s(service);
      assertThat(lines).hasSizeLessThanOrEqualTo(2);
      assertThat(service.output()).containsOnlyOnce("Redis unavailable (noauth)");
    }
  }

  @Test
  void aFullAReadOnlyAndAWrongTypeRedisAreEachNamedAndRecoverBySelf() throws Exception {
    try (SiteServer sites = SiteServer.start(0);
        OwnRedis redis = OwnRedis.start(List.of("--maxmemory-policy", "noeviction"));
        ServiceProcess service = service("refusing", redis, sites).start()) {
      awaitReady(service);
      service.api().get(RUN).then().statusCode(200);

      // Full: maxmemory below what Redis already uses, under the required noeviction.
      redis.cli("CONFIG", "SET", "maxmemory", "1");
      for (String accept : ACCEPTS) {
        assertReason(assertError(get(service, RUN, accept), accept, 503, UNAVAILABLE), "oom");
        assertReason(assertError(get(service, DEFER, accept), accept, 503, UNAVAILABLE), "oom");
        // Reads still work: /status answers, and shows no run.
        JsonPath status = assertJson(get(service, STATUS, accept), accept, 200);
        if (status.get("coordination") != null) {
          assertThat(status.getMap("current_run")).isNull();
        }
      }
      assertThat(readiness(service, "coordination", 503, "127.0.0.1"))
          .containsEntry("reason", "oom");
      assertThat(linesIn10s(service)).hasSizeLessThanOrEqualTo(2);
      redis.cli("CONFIG", "SET", "maxmemory", "0");
      awaitReady(service);

      // Read-only replica of a primary that does not exist.
      int deadPort = FreePorts.belowEphemeral();
      redis.cli("REPLICAOF", "127.0.0.1", String.valueOf(deadPort));
      for (String accept : ACCEPTS) {
        assertReason(assertError(get(service, RUN, accept), accept, 503, UNAVAILABLE), "readonly");
        assertReason(
            assertError(get(service, DEFER, accept), accept, 503, UNAVAILABLE), "readonly");
      }
      assertThat(readiness(service, "coordination", 503, "127.0.0.1"))
          .containsEntry("reason", "readonly");
      assertThat(linesIn10s(service)).hasSizeLessThanOrEqualTo(2);
      redis.cli("REPLICAOF", "NO", "ONE");
      awaitReady(service);

      // Another program's string where the queue should be.
      redis.cli("SET", "all_sites_cron:jobs", "i am a string");
      for (String accept : ACCEPTS) {
        assertReason(
            assertError(get(service, DEFER, accept), accept, 503, UNAVAILABLE), "wrongtype");
        assertReason(
            assertError(get(service, STATUS, accept), accept, 503, UNAVAILABLE), "wrongtype");
      }
      assertThat(readiness(service, "coordination", 503, "127.0.0.1"))
          .containsEntry("reason", "wrongtype");
      // The worker polls every second and fails each time: still one line, no stack trace.
      assertThat(linesIn10s(service)).hasSizeLessThanOrEqualTo(2);
      redis.cli("DEL", "all_sites_cron:jobs");
      awaitReady(service);
      service.api().get(DEFER).then().statusCode(202);
      // One INFO once it has worked for a few seconds without a failure.
      await()
          .atMost(WAIT)
          .untilAsserted(() -> assertThat(service.output()).contains("Redis available again"));
    }
  }

  @Test
  void aRunThatLosesRedisIsReportedToItsCallerAndStoredOnceRedisIsBack() throws Exception {
    try (SiteServer sites = SiteServer.start(3_000);
        OwnRedis redis = OwnRedis.start();
        ServiceProcess service =
            service("lost", redis, sites)
                .with("all-sites-cron.request-timeout", "10s")
                .with("all-sites-cron.worker.heartbeat-interval", "1s")
                .start()) {
      awaitReady(service);
      CompletableFuture<Response> call =
          CompletableFuture.supplyAsync(() -> service.api().get(RUN));
      await().atMost(WAIT).until(() -> sites.hits("a") == 1);
      redis.down();

      Response answer = call.get(30, java.util.concurrent.TimeUnit.SECONDS);
      JsonPath body = assertError(answer, "*/*", 503, UNAVAILABLE);
      String runId = body.getString("run_id");
      assertThat(runId).isNotBlank();
      assertThat(body.getString("report.state")).isEqualTo("aborted");
      assertThat(body.getLong("report.count")).isOne();
      assertThat(body.getString("report.abort_reason")).contains("Redis unavailable");
      for (String accept : ACCEPTS) {
        assertReason(
            assertError(get(service, STATUS, accept), accept, 503, UNAVAILABLE), "unreachable");
        assertReason(
            assertError(get(service, DEFER, accept), accept, 503, UNAVAILABLE), "unreachable");
      }
      assertThat(readiness(service, "coordination", 503, "127.0.0.1", "" + redis.port()))
          .containsEntry("reason", "unreachable");
      assertThat(linesIn10s(service)).hasSizeLessThanOrEqualTo(2);
      assertThat(service.output()).contains("Run " + runId + " (rest) aborted");

      redis.up();

      await()
          .atMost(WAIT)
          .untilAsserted(
              () ->
                  abortedRun(service, runId)
                      .body("count", org.hamcrest.Matchers.equalTo(1))
                      .body(
                          "abort_reason",
                          org.hamcrest.Matchers.containsString("Redis unavailable")));
      JsonPath status = service.api().get(STATUS).then().statusCode(200).extract().jsonPath();
      assertThat(status.getMap("current_run")).isNull();
      assertThat(redis.cli("GET", "all_sites_cron:run:" + runId).get(0)).contains("\"aborted\"");
    }
  }

  private static final String UNAVAILABLE = "all_sites_cron_redis_unavailable";

  /** The reason of a 503 (a 406 for text/html has none: the API did not negotiate). */
  private static void assertReason(JsonPath error, String reason) {
    if (UNAVAILABLE.equals(error.getString("code"))) {
      assertThat(error.getString("reason")).isEqualTo(reason);
    }
  }

  private static void awaitReady(ServiceProcess service) {
    await().atMost(WAIT).untilAsserted(() -> readiness(service, "coordination", 200));
  }

  private static ServiceProcess.Builder service(String name, OwnRedis redis, SiteServer sites) {
    return ServiceProcess.named(name)
        .with("quarkus.redis.hosts", redis.url())
        .with("all-sites-cron.rate-limit-seconds", "0")
        .with("all-sites-cron.sites.static[0]", sites.url("127.0.0.1", "a"));
  }
}
