package org.allsitescron.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.allsitescron.support.RedisCli;
import org.allsitescron.support.ServiceProcess;
import org.allsitescron.support.SharedRedis;
import org.allsitescron.support.SiteServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Three replicas of the built service against one Redis and one stand-in site server: admission is
 * atomic across them, and a replica that dies or stops mid-run loses no job.
 */
class MultiReplicaIT {

  private static final String PREFIX = "all_sites_cron:";
  private static final Duration RECOVERY = Duration.ofSeconds(60);

  static SiteServer sites;
  static ReplicaSet replicas;
  static RedisCli redis = new RedisCli(SharedRedis.PORT, ReplicaSet.REDIS_DB);

  @BeforeAll
  static void start() throws Exception {
    redis.deleteAll(PREFIX + "*");
    sites = SiteServer.start(0);
    replicas = new ReplicaSet(sites);
    for (int i = 0; i < 3; i++) {
      replicas.add();
    }
  }

  @AfterAll
  static void stop() throws Exception {
    replicas.close();
    sites.close();
    redis.deleteAll(PREFIX + "*");
  }

  @BeforeEach
  void reset() throws Exception {
    while (replicas.alive().size() < 3) {
      replicas.add();
    }
    await().atMost(RECOVERY).until(() -> redis.get(PREFIX + "lock") == null);
    sites.reset();
    sites.delay(0);
  }

  @Test
  void ofOneHundredSimultaneousTriggersOverThreeReplicasExactlyOneRuns() throws Exception {
    sites.delay(1_000);
    List<ServiceProcess> alive = replicas.alive();
    ExecutorService pool = Executors.newFixedThreadPool(100);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Integer>> statuses = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      ServiceProcess replica = alive.get(i % alive.size());
      statuses.add(
          pool.submit(
              () -> {
                go.await();
                return replica.api().get("/all-sites-cron/v1/run").statusCode();
              }));
    }
    go.countDown();
    List<Integer> codes = new ArrayList<>();
    for (Future<Integer> status : statuses) {
      codes.add(status.get());
    }
    pool.shutdown();

    assertThat(codes).filteredOn(code -> code == 200).hasSize(1);
    assertThat(codes).filteredOn(code -> code == 409).hasSize(99);
    for (int i = 0; i < ReplicaSet.SITES; i++) {
      assertThat(sites.hits("site-" + i)).as("site-" + i).isEqualTo(1);
    }
  }

  @Test
  void aReplicaKilledMidRunLeavesItsJobToAnother() throws Exception {
    sites.delay(2_000);
    String runId = trigger();
    ServiceProcess holder = awaitHolder();

    holder.kill();

    // The heartbeat expires (3 s), the job goes back, the dead lock expires (6 s), another runs it.
    awaitFinished(runId, holder);
    for (int i = 0; i < ReplicaSet.SITES; i++) {
      assertThat(sites.hits("site-" + i)).as("site-" + i).isGreaterThanOrEqualTo(1);
    }
    assertNoJobLeft();
  }

  @Test
  void aReplicaStoppedMidRunReleasesItsLockAndHandsItsJobBack() throws Exception {
    // Four waves of 2 s outlast shutdown-grace (1 s): the run is cut short, its job goes back.
    sites.delay(2_000);
    String runId = trigger();
    ServiceProcess holder = awaitHolder();
    long fence = redis.number("GET", PREFIX + "lock:fence");

    int exit = holder.terminate(Duration.ofSeconds(30));

    assertThat(exit).as("exit code after SIGTERM").isIn(0, 143);
    String lock = redis.get(PREFIX + "lock");
    assertThat(lock == null || redis.number("GET", PREFIX + "lock:fence") > fence)
        .as("the stopped replica released its lock")
        .isTrue();
    assertThat(holder.output())
        .contains("did not finish within shutdown-grace")
        .containsPattern("aborted: \\d+ sites");
    awaitFinished(runId, holder);
    assertNoJobLeft();
  }

  private String trigger() {
    return DeferredRuns.trigger(replicas.alive().get(0));
  }

  /** The replica whose processing list holds the job, once one has taken it and started. */
  private ServiceProcess awaitHolder() {
    String consumer =
        DeferredRuns.awaitConsumer(
            redis,
            PREFIX,
            RECOVERY,
            () -> redis.get(PREFIX + "lock") != null && sites.allHits().size() > 0);
    return replicas.byConsumer(consumer);
  }

  private void awaitFinished(String runId, ServiceProcess gone) {
    await()
        .atMost(RECOVERY)
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              ServiceProcess survivor =
                  replicas.alive().stream().filter(r -> r != gone).findFirst().orElseThrow();
              assertThat(
                      survivor
                          .api()
                          .get("/all-sites-cron/v1/runs/" + runId)
                          .then()
                          .extract()
                          .jsonPath()
                          .getString("state"))
                  .isEqualTo("finished");
            });
  }

  private void assertNoJobLeft() {
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              assertThat(redis.number("LLEN", PREFIX + "jobs")).isZero();
              for (String key : redis.keys(PREFIX + "processing:*")) {
                assertThat(redis.number("LLEN", key)).as(key).isZero();
              }
              assertThat(redis.number("LLEN", PREFIX + "jobs:dead")).isZero();
            });
  }
}
