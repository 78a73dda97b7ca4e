package org.allsitescron.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.allsitescron.support.RedisCli;
import org.allsitescron.support.ServiceProcess;
import org.allsitescron.support.SharedRedis;
import org.allsitescron.support.SiteServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Resume, don't restart: a queued run over 40 slow sites (1 s each, concurrency 2) whose replica is
 * killed (SIGKILL) or stopped (SIGTERM) mid-run is taken over by the other replica from its
 * checkpoint, under the same run id; the sites requested twice are at most those in flight at the
 * kill plus those finished in the last checkpoint interval.
 */
class ResumeIT {

  private static final int DB = 14;
  private static final String PREFIX = "all_sites_cron:";
  private static final int SITES = 40;
  private static final Duration WAIT = Duration.ofSeconds(90);

  RedisCli redis = new RedisCli(SharedRedis.PORT, DB);
  SiteServer sites;
  List<ServiceProcess> replicas = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    redis.deleteAll(PREFIX + "*");
    sites = SiteServer.start(1_000);
    replicas.add(replica("resume-a").start());
    replicas.add(replica("resume-b").start());
  }

  @AfterEach
  void stop() throws Exception {
    for (ServiceProcess replica : replicas) {
      replica.close();
    }
    sites.close();
    redis.deleteAll(PREFIX + "*");
  }

  @Test
  void aRunWhoseReplicaIsKilledResumesFromItsCheckpointOnTheOther() throws Exception {
    String runId = trigger();
    ServiceProcess holder = awaitHolder();
    await().atMost(WAIT).until(() -> sites.requests().size() >= 12);

    holder.kill();
    int requestedAtKill = sites.requests().size();

    JsonPath report = awaitFinished(runId, holder);
    long twice = sites.allHits().values().stream().filter(hits -> hits > 1).count();
    System.out.printf(
        "ResumeIT (SIGKILL): killed after %d requests; sites requested twice: %d of %d%n",
        requestedAtKill, twice, SITES);
    everySiteAtLeastOnce();
    assertThat(report.getLong("count")).isEqualTo(SITES);
    assertThat(report.getLong("resumed_from.done")).isGreaterThan(0);
    // 2 in flight at the kill + at most 4 finished in the last 1 s checkpoint interval.
    assertThat(twice).isLessThanOrEqualTo(6);
  }

  @Test
  void aRunWhoseReplicaIsStoppedGoesBackWithItsCheckpointAndResumes() throws Exception {
    String runId = trigger();
    ServiceProcess holder = awaitHolder();
    await().atMost(WAIT).until(() -> sites.requests().size() >= 8);

    assertThat(holder.terminate(Duration.ofSeconds(30))).isIn(0, 143);

    JsonPath report = awaitFinished(runId, holder);
    long twice = sites.allHits().values().stream().filter(hits -> hits > 1).count();
    System.out.printf("ResumeIT (SIGTERM): sites requested twice: %d of %d%n", twice, SITES);
    everySiteAtLeastOnce();
    assertThat(holder.output()).contains("did not finish within shutdown-grace");
    assertThat(report.getLong("count")).isEqualTo(SITES);
    assertThat(report.getLong("resumed_from.done")).isGreaterThan(0);
    // The stopped run waited for its requests in flight, then left its checkpoint: none twice.
    assertThat(twice).isZero();
  }

  private ServiceProcess.Builder replica(String name) {
    ServiceProcess.Builder builder =
        ServiceProcess.named(name)
            .with("quarkus.redis.hosts", SharedRedis.url(DB))
            .with("all-sites-cron.rate-limit-seconds", "0")
            .with("all-sites-cron.concurrency", "2")
            .with("all-sites-cron.lock-timeout", "6s")
            .with("all-sites-cron.shutdown-grace", "1s")
            .with("all-sites-cron.request-timeout", "5s")
            .with("all-sites-cron.worker.poll-interval", "500ms")
            .with("all-sites-cron.worker.heartbeat-interval", "1s");
    for (int i = 0; i < SITES; i++) {
      builder.with("all-sites-cron.sites.static[" + i + "]", sites.url("127.0.0.1", "site-" + i));
    }
    return builder;
  }

  private String trigger() {
    return DeferredRuns.trigger(replicas.get(0));
  }

  private ServiceProcess awaitHolder() {
    String consumer =
        DeferredRuns.awaitConsumer(redis, PREFIX, WAIT, () -> !sites.requests().isEmpty());
    return replicas.stream()
        .filter(r -> consumer.startsWith(r.name() + "-"))
        .findFirst()
        .orElseThrow();
  }

  private JsonPath awaitFinished(String runId, ServiceProcess gone) {
    ServiceProcess survivor = replicas.stream().filter(r -> r != gone).findFirst().orElseThrow();
    JsonPath[] report = new JsonPath[1];
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              report[0] =
                  survivor
                      .api()
                      .get("/all-sites-cron/v1/runs/" + runId)
                      .then()
                      .extract()
                      .jsonPath();
              assertThat(report[0].getString("state")).isEqualTo("finished");
            });
    return report[0];
  }

  private void everySiteAtLeastOnce() {
    Map<String, Integer> hits = sites.allHits();
    for (int i = 0; i < SITES; i++) {
      assertThat(hits.getOrDefault("site-" + i, 0)).as("site-" + i).isGreaterThanOrEqualTo(1);
    }
  }
}
