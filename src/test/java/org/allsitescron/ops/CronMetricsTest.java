package org.allsitescron.ops;

import static io.restassured.RestAssured.given;
import static org.allsitescron.support.Api.BASE;
import static org.allsitescron.support.Api.authed;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.allsitescron.coordination.Lease;
import org.allsitescron.coordination.RunLock;
import org.allsitescron.run.RunEvents;
import org.allsitescron.support.OpsTools;
import org.allsitescron.support.QueueReset;
import org.allsitescron.support.Scrape;
import org.allsitescron.support.SiteServer;
import org.allsitescron.support.SiteServer.Behavior;
import org.allsitescron.support.TestNetwork;
import org.allsitescron.worker.QueueWorker;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /q/metrics} over real runs of the 20 static test sites: runs, sites by outcome, durations,
 * admissions, queue gauges and lock meters move as they should, no site shows up in any meter, and
 * the exposition passes {@code promtool check metrics}.
 */
@QuarkusTest
class CronMetricsTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @Inject CronMetrics metrics;
  @Inject QueueWorker worker;
  @Inject RunLock lock;
  @Inject Event<RunEvents.LockRenewed> lockRenewed;

  SiteServer sites = TestNetwork.sites();

  @BeforeEach
  void emptyQueueAndResetSites() {
    QueueReset.emptyQueueAndResetSites(worker, sites);
  }

  @Test
  void aRunCountsItselfItsSitesByOutcomeAndTheirDurations() {
    sites.behave("site-02", Behavior.FAIL_500);
    sites.behave("site-03", Behavior.HANG);
    Scrape before = Scrape.now();

    authed().get(BASE + "/run").then().statusCode(200);

    Scrape after = Scrape.now();
    assertThat(
            after.since(
                before, "all_sites_cron_runs_total", "state", "finished", "trigger", "rest"))
        .isEqualTo(1);
    assertThat(after.since(before, "all_sites_cron_sites_total", "outcome", "ok")).isEqualTo(18);
    assertThat(after.since(before, "all_sites_cron_sites_total", "outcome", "http_error"))
        .isEqualTo(1);
    assertThat(after.since(before, "all_sites_cron_sites_total", "outcome", "timeout"))
        .isEqualTo(1);
    assertThat(after.since(before, "all_sites_cron_admissions_total", "result", "accepted"))
        .isEqualTo(1);
    assertThat(after.since(before, "all_sites_cron_run_duration_seconds_count", "trigger", "rest"))
        .isEqualTo(1);
    assertThat(
            after.since(
                before, "all_sites_cron_site_request_duration_seconds_count", "outcome", "ok"))
        .isEqualTo(18);
    // The hanging site took the 1 s request timeout: above the 0.5 s bucket, within 2.5 s.
    String timeouts = "all_sites_cron_site_request_duration_seconds_bucket";
    assertThat(after.since(before, timeouts, "outcome", "timeout", "le", "0.5")).isZero();
    assertThat(after.since(before, timeouts, "outcome", "timeout", "le", "2.5")).isEqualTo(1);
    assertThat(after.since(before, timeouts, "outcome", "timeout", "le", "+Inf")).isEqualTo(1);
  }

  @Test
  void everyAdmissionResultIsCounted() {
    Scrape before = Scrape.now();

    given().get(BASE + "/run").then().statusCode(401);
    given().post(BASE + "/run").then().statusCode(401);
    given().head(BASE + "/run").then().statusCode(401);
    given().post(BASE + "/process-queue").then().statusCode(401); // not a trigger: not counted
    given().header("Authorization", "Bearer nope").get(BASE + "/run").then().statusCode(403);
    authed().queryParam("defer", "maybe").get(BASE + "/run").then().statusCode(400);
    authed().queryParam("defer", "1").get(BASE + "/run").then().statusCode(202);
    authed().queryParam("defer", "1").get("/dss-cron/v1/run").then().statusCode(202);
    worker.drainOnce().await().atMost(WAIT);
    Lease held = lock.tryAcquire("someone-else").await().atMost(WAIT).orElseThrow();
    try {
      authed().get(BASE + "/run").then().statusCode(409);
    } finally {
      lock.release(held).await().atMost(WAIT);
    }

    Scrape after = Scrape.now();
    String admissions = "all_sites_cron_admissions_total";
    assertThat(after.since(before, admissions, "result", "unauthorized")).isEqualTo(3);
    assertThat(after.since(before, admissions, "result", "forbidden")).isEqualTo(1);
    assertThat(after.since(before, admissions, "result", "invalid")).isEqualTo(1);
    assertThat(after.since(before, admissions, "result", "queued")).isEqualTo(1);
    assertThat(after.since(before, admissions, "result", "already_queued")).isEqualTo(1);
    assertThat(after.since(before, admissions, "result", "locked")).isEqualTo(1);
    assertThat(after.since(before, admissions, "result", "accepted")).isZero();
    assertThat(
            after.since(
                before,
                "all_sites_cron_runs_total",
                "state",
                "finished",
                "trigger",
                "rest-deferred"))
        .isEqualTo(1);
    // Every result has its series from start-up on, so increase() sees the first one.
    assertThat(before.has(admissions, "result", "rate_limited")).isTrue();
  }

  @Test
  void queueGaugesShowTheLastReadLengths() {
    authed().queryParam("defer", "1").get(BASE + "/run").then().statusCode(202);

    metrics.readQueue().await().atMost(WAIT);

    assertThat(Scrape.now().value("all_sites_cron_queue_length")).isEqualTo(1);
    assertThat(Scrape.now().value("all_sites_cron_queue_dead")).isZero();

    worker.drainOnce().await().atMost(WAIT);
    metrics.readQueue().await().atMost(WAIT);

    assertThat(Scrape.now().value("all_sites_cron_queue_length")).isZero();
  }

  @Test
  void lockRenewalsAndLossesAreCounted() {
    Scrape before = Scrape.now();

    lockRenewed.fire(new RunEvents.LockRenewed(true, null));
    lockRenewed.fire(new RunEvents.LockRenewed(true, null));
    lockRenewed.fire(new RunEvents.LockRenewed(false, RunEvents.LockLoss.UNCONFIRMED));

    Scrape after = Scrape.now();
    assertThat(after.since(before, "all_sites_cron_lock_renewals_total")).isEqualTo(2);
    assertThat(after.since(before, "all_sites_cron_lock_losses_total", "reason", "unconfirmed"))
        .isEqualTo(1);
    assertThat(after.since(before, "all_sites_cron_lock_losses_total", "reason", "lost")).isZero();
  }

  @Test
  void noMeterNamesASite() {
    sites.behave("site-04", Behavior.FAIL_500);
    authed().get(BASE + "/run").then().statusCode(200);

    String text = Scrape.now().text();

    assertThat(text).doesNotContain("site-0").doesNotContain(":" + sites.port() + "/");
    assertThat(text).contains("uri=\"/all-sites-cron/v1/run\"");
  }

  @Test
  void theExpositionPassesPromtool() throws Exception {
    Path promtool = OpsTools.require("promtool");
    authed().get(BASE + "/run").then().statusCode(200);
    authed().queryParam("defer", "1").get(BASE + "/run").then().statusCode(202);
    metrics.readQueue().await().atMost(WAIT);
    Path exposition = Path.of("target", "metrics.txt");
    Files.writeString(exposition, Scrape.now().text());

    OpsTools.Result check = OpsTools.run(exposition, promtool.toString(), "check", "metrics");

    assertThat(check.exitCode()).as(check.output()).isZero();
    assertThat(check.output()).isBlank();
  }

  /** What {@code curl /q/metrics | promtool check metrics} sees: no Accept, or curl's. */
  @Test
  void theDefaultExpositionPassesPromtoolToo() throws Exception {
    Path promtool = OpsTools.require("promtool");
    authed().get(BASE + "/run").then().statusCode(200);
    HttpClient client = HttpClient.newHttpClient();
    for (String accept :
        new String[] {null, "*/*", PROMETHEUS_ACCEPT, "application/openmetrics-text"}) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port + "/q/metrics"))
              .timeout(WAIT);
      if (accept != null) {
        request.header("Accept", accept);
      }
      HttpResponse<String> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type"))
          .as(accept)
          .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
      Path exposition = Path.of("target", "metrics-default.txt");
      Files.writeString(exposition, response.body());

      OpsTools.Result check = OpsTools.run(exposition, promtool.toString(), "check", "metrics");

      assertThat(check.exitCode()).as(accept + ": " + check.output()).isZero();
      assertThat(check.output()).as(accept).isBlank();
    }
  }

  @Test
  void helpTextsHaveNoEscapes() {
    List<String> help = Scrape.now().text().lines().filter(l -> l.startsWith("# HELP ")).toList();

    assertThat(help).isNotEmpty().noneMatch(line -> line.contains("\\") || line.contains("\""));
    assertThat(help).anyMatch(line -> line.contains("The 'recent cpu usage' for the Java"));
  }

  /** Prometheus' own scrape header: both formats named, OpenMetrics first. */
  private static final String PROMETHEUS_ACCEPT =
      "application/openmetrics-text;version=1.0.0;q=0.5,"
          + "text/plain;version=0.0.4;q=0.4,*/*;q=0.1";

  @Test
  void theExampleAlertsOfTheDocsAreValidRules() throws Exception {
    Path promtool = OpsTools.require("promtool");

    OpsTools.Result check =
        OpsTools.run(
            Path.of("/dev/null"),
            promtool.toString(),
            "check",
            "rules",
            Path.of("docs", "prometheus-alerts.yaml").toString());

    assertThat(check.exitCode()).as(check.output()).isZero();
    assertThat(check.output()).contains("SUCCESS: 8 rules found");
    assertThat(Files.readString(Path.of("docs", "prometheus-alerts.yaml")))
        .contains("alert: CronBehind", "alert: SitesFailing", "alert: RunsNotHappening");
  }
}
