package org.allsitescron.api;

import static io.restassured.RestAssured.given;
import static org.allsitescron.support.Api.BASE;
import static org.allsitescron.support.Api.authed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.allsitescron.coordination.Lease;
import org.allsitescron.coordination.RunLock;
import org.allsitescron.run.JobResult;
import org.allsitescron.support.QueueReset;
import org.allsitescron.support.SiteServer;
import org.allsitescron.support.TestNetwork;
import org.allsitescron.worker.QueueWorker;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The run endpoint over the static list of 25 sites, of which {@code number-of-sites} is 20. */
@QuarkusTest
class RunResourceTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @Inject RunLock lock;
  @Inject QueueWorker worker;

  SiteServer sites = TestNetwork.sites();

  @BeforeEach
  void emptyQueueAndResetSites() {
    QueueReset.emptyQueueAndResetSites(worker, sites);
  }

  @Test
  void runRequestsEachOfTheFirstTwentySitesExactlyOnce() {
    authed()
        .get(BASE + "/run")
        .then()
        .statusCode(200)
        .contentType("application/json")
        .body("success", equalTo(true))
        .body("count", equalTo(20))
        .body("ok", equalTo(20))
        .body("errors", equalTo(0))
        .body("timeouts", equalTo(0))
        .body("endpoint", equalTo("rest"))
        .body("message", equalTo("Running wp-cron on 20 sites"))
        .body("failed_sites", hasSize(0))
        .body("run_id", org.hamcrest.Matchers.notNullValue())
        .body("timestamp", org.hamcrest.Matchers.notNullValue())
        .body("duration_ms", org.hamcrest.Matchers.greaterThanOrEqualTo(0));

    List<String> names = TestNetwork.staticSites();
    names.subList(0, 20).forEach(site -> assertThat(sites.hits(site)).as(site).isEqualTo(1));
    names.subList(20, 25).forEach(site -> assertThat(sites.hits(site)).as(site).isZero());
  }

  @Test
  void aSynchronousRunGoesOnWhenTheCallerHangsUp() {
    sites.delay(1_500);
    try {
      assertThatThrownBy(
              () ->
                  authed()
                      .config(
                          RestAssuredConfig.config()
                              .httpClient(
                                  HttpClientConfig.httpClientConfig()
                                      .setParam("http.socket.timeout", 300)))
                      .get(BASE + "/run"))
          .isInstanceOf(java.net.SocketTimeoutException.class);

      await()
          .atMost(WAIT)
          .untilAsserted(
              () ->
                  authed()
                      .get(BASE + "/runs?limit=1")
                      .then()
                      .body("runs[0].state", equalTo("finished"))
                      .body("runs[0].count", equalTo(20)));
      TestNetwork.staticSites()
          .subList(0, 20)
          .forEach(site -> assertThat(sites.hits(site)).as(site).isEqualTo(1));
    } finally {
      sites.delay(0);
    }
  }

  @Test
  void wpCronIsRequestedLikeASystemCronWithoutQueryString() {
    authed().post(BASE + "/run").then().statusCode(200);

    // wp-cron.php only runs events for ?doing_wp_cron=<v> when a transient already holds v.
    assertThat(sites.lastQuery("site-01")).isEmpty();
    assertThat(sites.lastUserAgent("site-01")).startsWith("all-sites-cron/");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"/wp-json/all-sites-cron/v1/run", "/dss-cron/v1/run", "/wp-json/dss-cron/v1/run"})
  void aliasesServeTheSameRun(String path) {
    Response response = authed().post(path);

    response.then().statusCode(200).body("count", equalTo(20));
    assertThat(sites.hits("site-20")).isEqualTo(1);
    if (path.contains("dss-cron")) {
      assertThat(response.header("Deprecation")).matches("@\\d+");
      assertThat(response.header("Link"))
          .isEqualTo("</all-sites-cron/v1/run>; rel=\"successor-version\"");
    } else {
      assertThat(response.header("Deprecation")).isNull();
    }
  }

  @Test
  void legacyNamespaceMarksErrorsDeprecatedToo() {
    given()
        .get("/dss-cron/v1/run")
        .then()
        .statusCode(401)
        .header("Deprecation", startsWith("@"))
        .body("code", equalTo("all_sites_cron_auth_missing"));
  }

  @Test
  void dryRunListsSitesAndRequestsNothing() {
    authed()
        .queryParam("dry_run", "yes")
        .get(BASE + "/run")
        .then()
        .statusCode(200)
        .body("success", equalTo(true))
        .body("dry_run", equalTo(true))
        .body("count", equalTo(20))
        .body("sites", hasSize(20))
        .body("sites[0]", equalTo(sites.url("127.0.0.1", "site-01")));

    assertThat(sites.allHits()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"ga", "ga=", "ga=1", "ga=TRUE", "ga=yes", "ga=On"})
  void everyTrueSpellingOfGaAnswersWorkflowCommands(String query) {
    authed()
        .get(BASE + "/run?" + query)
        .then()
        .statusCode(200)
        .contentType("text/plain; charset=utf-8")
        .body(startsWith("::notice::Running wp-cron on 20 sites\n"))
        .body(containsString("::notice::Done: 20 sites, 20 ok, 0 errors, 0 timeouts"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ga=0", "ga=false", "ga=NO", "ga=off"})
  void everyFalseSpellingOfGaAnswersJson(String query) {
    authed().get(BASE + "/run?" + query).then().statusCode(200).contentType("application/json");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ga", "defer", "dry_run"})
  void anUnknownBooleanIsRejectedNamingTheParameter(String name) {
    authed()
        .queryParam(name, "maybe")
        .get(BASE + "/run")
        .then()
        .statusCode(400)
        .contentType("application/json")
        .body("success", equalTo(false))
        .body("code", equalTo("rest_invalid_param"))
        .body("message", containsString(name))
        .body("data.status", equalTo(400));
    assertThat(sites.allHits()).isEmpty();
  }

  @Test
  void missingTokenIs401() {
    given()
        .get(BASE + "/run")
        .then()
        .statusCode(401)
        .body("success", equalTo(false))
        .body("code", equalTo("all_sites_cron_auth_missing"))
        .body("data.status", equalTo(401));
  }

  @Test
  void wrongTokenIs403InJsonAndInGaText() {
    given()
        .header("Authorization", "Bearer nope")
        .get(BASE + "/run")
        .then()
        .statusCode(403)
        .body("code", equalTo("all_sites_cron_auth_invalid"));
    given()
        .queryParam("token", "nope")
        .queryParam("ga", "1")
        .get(BASE + "/run")
        .then()
        .statusCode(403)
        .contentType("text/plain; charset=utf-8")
        .body(startsWith("::error::"));
  }

  @Test
  void tokenInQueryIsAccepted() {
    given().queryParam("token", "test-token").get(BASE + "/run").then().statusCode(200);
  }

  @Test
  void runWhileLockedIs409() {
    Lease lease = lock.tryAcquire("someone-else").await().atMost(WAIT).orElseThrow();
    try {
      authed()
          .get(BASE + "/run")
          .then()
          .statusCode(409)
          .body("success", equalTo(false))
          .body("code", equalTo("all_sites_cron_locked"))
          .body(
              "message",
              equalTo("Another cron process is currently running. Please try again later."))
          .body("data.status", equalTo(409));
      authed()
          .get(BASE + "/run?ga=1")
          .then()
          .statusCode(409)
          .body(startsWith("::warning::Another cron process"));
    } finally {
      lock.release(lease).await().atMost(WAIT);
    }
    assertThat(sites.allHits()).isEmpty();
  }

  @Test
  void deferredRunIsQueuedOnceAndCarriedOutByTheWorker() {
    String runId =
        authed()
            .get(BASE + "/run?defer=1")
            .then()
            .statusCode(202)
            .body("success", equalTo(true))
            .body("status", equalTo("queued"))
            .body("mode", equalTo("deferred"))
            .body("message", equalTo("Cron job queued for background processing"))
            .extract()
            .path("run_id");
    authed()
        .get(BASE + "/run?defer=1")
        .then()
        .statusCode(202)
        .body("status", equalTo("already_queued"))
        .body("run_id", equalTo(runId));
    assertThat(sites.allHits()).isEmpty();

    JobResult result = worker.drainOnce().await().atMost(WAIT);

    assertThat(result).isInstanceOf(JobResult.Ran.class);
    assertThat(sites.hits("site-01")).isEqualTo(1);
    authed()
        .get(BASE + "/runs/" + runId)
        .then()
        .statusCode(200)
        .body("run_id", equalTo(runId))
        .body("trigger", equalTo("rest-deferred"))
        .body("state", equalTo("finished"))
        .body("count", equalTo(20));
  }

  @Test
  void processQueueRunsTheWaitingJobNow() {
    String runId =
        authed().get(BASE + "/run?defer=1").then().statusCode(202).extract().path("run_id");

    authed()
        .post(BASE + "/process-queue")
        .then()
        .statusCode(200)
        .body("run_id", equalTo(runId))
        .body("count", equalTo(20));
    authed().get(BASE + "/runs/" + runId).then().body("trigger", equalTo("process-queue"));
    authed()
        .post(BASE + "/process-queue")
        .then()
        .statusCode(200)
        .body("message", equalTo("No jobs in queue"));
  }

  @Test
  void runsAreListedNewestFirst() {
    String first = authed().get(BASE + "/run").then().extract().path("run_id");
    String second = authed().get(BASE + "/run").then().extract().path("run_id");

    authed()
        .get(BASE + "/runs?limit=2")
        .then()
        .statusCode(200)
        .body("runs", hasSize(2))
        .body("runs[0].run_id", equalTo(second))
        .body("runs[1].run_id", equalTo(first));
    authed()
        .get(BASE + "/runs?limit=0")
        .then()
        .statusCode(400)
        .body("message", containsString("limit"));
    authed()
        .get(BASE + "/runs/does-not-exist")
        .then()
        .statusCode(404)
        .body("code", equalTo("all_sites_cron_run_not_found"));
  }

  @Test
  void statusShowsCoordinationQueueLockAndRecentRuns() {
    authed().get(BASE + "/run").then().statusCode(200);

    authed()
        .get("/wp-json/all-sites-cron/v1/status")
        .then()
        .statusCode(200)
        .body("coordination", equalTo("embedded"))
        .body("current_run", equalTo(null))
        .body("queue.length", equalTo(0))
        .body("queue.dead", equalTo(0))
        .body("lock.held", equalTo(false))
        .body("cooldown.remaining_s", equalTo(0))
        .body("recent_runs[0].state", equalTo("finished"));
  }

  @Test
  void unknownRoutesAndMethodsAnswerJson() {
    given()
        .get("/nothing/here")
        .then()
        .statusCode(404)
        .contentType("application/json")
        .body("code", equalTo("rest_no_route"))
        .body("data.status", equalTo(404));
    authed()
        .get(BASE + "/nothing")
        .then()
        .statusCode(404)
        .contentType("application/json")
        .body("success", equalTo(false));
    authed()
        .delete(BASE + "/run")
        .then()
        .statusCode(405)
        .contentType("application/json")
        .body("data.status", equalTo(405));
  }
}
