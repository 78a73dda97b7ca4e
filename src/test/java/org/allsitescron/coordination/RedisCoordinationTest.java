package org.allsitescron.coordination;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.allsitescron.support.Api.BASE;
import static org.allsitescron.support.Api.authed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.redis.client.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.allsitescron.coordination.redis.RedisCleanup;
import org.allsitescron.coordination.redis.RedisCommands;
import org.allsitescron.run.JobResult;
import org.allsitescron.run.RunState;
import org.allsitescron.support.SiteServer;
import org.allsitescron.support.TestNetwork;
import org.allsitescron.worker.QueueWorker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Redis kinds of admission, lock, queue and reports, against the local Redis. */
@QuarkusTest
@TestProfile(RedisProfile.class)
class RedisCoordinationTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @Inject RedisCommands redis;
  @Inject RedisKeys keys;
  @Inject RedisCleanup cleanup;
  @Inject RunLock lock;
  @Inject JobQueue queue;
  @Inject QueueWorker worker;
  @Inject ReplicaIdentity replica;

  SiteServer sites = TestNetwork.sites();

  @BeforeEach
  @AfterEach
  void clean() {
    cleanup.removeAll().await().atMost(WAIT);
    sites.reset();
    sites.delay(0);
  }

  @Test
  void statusSaysRedis() {
    authed().get(BASE + "/status").then().statusCode(200).body("coordination", equalTo("redis"));
  }

  @Test
  void ofOneHundredSimultaneousTriggersExactlyOneRuns() throws Exception {
    // The run outlasts the burst: with no cooldown here, a trigger after it would be accepted.
    sites.delay(1_000);
    ExecutorService pool = Executors.newFixedThreadPool(100);
    CountDownLatch start = new CountDownLatch(1);
    List<Callable<Integer>> calls = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      calls.add(
          () -> {
            start.await();
            return authed().get(BASE + "/run").statusCode();
          });
    }
    List<Future<Integer>> futures = new ArrayList<>();
    calls.forEach(call -> futures.add(pool.submit(call)));
    start.countDown();
    List<Integer> statuses = new ArrayList<>();
    for (Future<Integer> status : futures) {
      statuses.add(status.get());
    }
    pool.shutdown();

    assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
    assertThat(statuses).filteredOn(s -> s == 409).hasSize(99);
    TestNetwork.staticSites()
        .subList(0, 20)
        .forEach(site -> assertThat(sites.hits(site)).isEqualTo(1));
    assertThat(get(keys.lock())).isNull();
  }

  @Test
  void deferredJobIsPluginCompatibleAndTheWorkerRunsIt() {
    String runId =
        authed()
            .get(BASE + "/run?defer=1")
            .then()
            .statusCode(202)
            .body("mode", equalTo("redis"))
            .body("message", equalTo("Cron job queued to Redis for background processing"))
            .extract()
            .path("run_id");
    authed()
        .get(BASE + "/run?defer=yes")
        .then()
        .statusCode(202)
        .body("status", equalTo("already_queued"))
        .body("run_id", equalTo(runId));
    String job = redis.run("LINDEX", "all_sites_cron:jobs", "0").await().atMost(WAIT).toString();
    assertThat(job).contains("\"timestamp\":", "\"queued_at\":", "\"retries\":0", runId);

    JobResult result = worker.drainOnce().await().atMost(WAIT);

    assertThat(result)
        .isInstanceOfSatisfying(
            JobResult.Ran.class,
            ran -> {
              assertThat(ran.report().runId()).isEqualTo(runId);
              assertThat(ran.report().state()).isEqualTo(RunState.FINISHED);
            });
    assertThat(length(keys.queue())).isZero();
    assertThat(length(keys.processing(replica.name()))).isZero();
    authed().get(BASE + "/runs/" + runId).then().body("trigger", equalTo("rest-deferred"));
  }

  @Test
  void aJobPushedByTheOldPluginIsRun() {
    redis
        .run(
            "RPUSH",
            keys.queue(),
            "{\"timestamp\":1700000000,\"queued_at\":1700000000,\"retries\":0}")
        .await()
        .atMost(WAIT);

    JobResult result = worker.drainOnce().await().atMost(WAIT);

    assertThat(result)
        .isInstanceOfSatisfying(
            JobResult.Ran.class,
            ran -> assertThat(ran.report().trigger().label()).isEqualTo("queue"));
    assertThat(sites.hits("site-01")).isEqualTo(1);
    assertThat(length(keys.queue())).isZero();
  }

  @Test
  void malformedEntriesGoToTheDeadLetterListWithTheReason() {
    redis.run("RPUSH", keys.queue(), "not json", "{\"queued_at\":1}").await().atMost(WAIT);

    assertThat(worker.drainOnce().await().atMost(WAIT)).isInstanceOf(JobResult.Buried.class);
    assertThat(worker.drainOnce().await().atMost(WAIT)).isInstanceOf(JobResult.Buried.class);

    assertThat(length(keys.dead())).isEqualTo(2);
    String first = redis.run("LINDEX", keys.dead(), "0").await().atMost(WAIT).toString();
    assertThat(first).contains("not JSON", "not json");
    authed()
        .get(BASE + "/status")
        .then()
        .body("queue.dead", equalTo(2))
        .body("queue.length", equalTo(0));
    assertThat(length(keys.processing(replica.name()))).isZero();
  }

  @Test
  void aJobThatCannotGetTheLockIsRetriedThenDeadLettered() {
    Lease other = lock.tryAcquire("other-replica").await().atMost(WAIT).orElseThrow();
    redis
        .run("RPUSH", keys.queue(), "{\"timestamp\":1,\"run_id\":\"r-busy\"}")
        .await()
        .atMost(WAIT);

    JobResult first = worker.drainOnce().await().atMost(WAIT);
    assertThat(first).isEqualTo(new JobResult.Requeued("r-busy", 1));
    String requeued = redis.run("LINDEX", keys.queue(), "0").await().atMost(WAIT).toString();
    assertThat(requeued).contains("\"retries\":1", "\"retry_at\":");
    // Not due yet: spaced so that max-retries attempts span twice the lock timeout.
    assertThat(worker.drainOnce().await().atMost(WAIT)).isInstanceOf(JobResult.NoJob.class);

    makeDue();
    assertThat(worker.drainOnce().await().atMost(WAIT))
        .isEqualTo(new JobResult.Requeued("r-busy", 2));
    makeDue();
    assertThat(worker.drainOnce().await().atMost(WAIT)).isInstanceOf(JobResult.Buried.class);

    assertThat(length(keys.queue())).isZero();
    assertThat(redis.run("LINDEX", keys.dead(), "0").await().atMost(WAIT).toString())
        .contains("lock still held after 2 retries", "r-busy");
    lock.release(other).await().atMost(WAIT);
    assertThat(sites.allHits()).isEmpty();
  }

  @Test
  void aLockReleasedAfterItExpiredDoesNotDeleteTheNextOwnersLock() {
    Lease first = lock.tryAcquire("first").await().atMost(WAIT).orElseThrow();
    redis.run("PEXPIRE", keys.lock(), "1").await().atMost(WAIT);
    awaitGone(keys.lock());
    Lease second = lock.tryAcquire("second").await().atMost(WAIT).orElseThrow();

    lock.release(first).await().atMost(WAIT);
    assertThat(lock.renew(first).await().atMost(WAIT)).isFalse();

    assertThat(get(keys.lock())).isEqualTo("second");
    assertThat(second.fence()).isGreaterThan(first.fence());
    lock.release(second).await().atMost(WAIT);
    assertThat(get(keys.lock())).isNull();
  }

  @Test
  void theLockIsRenewedThroughARunLongerThanItsTimeoutAndStatusShowsProgress() throws Exception {
    // Four waves of 1 s: the run outlasts the 3 s lock, renewed every second.
    sites.delay(1_000);
    authed().get(BASE + "/run?defer=1").then().statusCode(202);
    var running = worker.drainOnce().subscribeAsCompletionStage();

    org.awaitility.Awaitility.await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                authed()
                    .get(BASE + "/status")
                    .then()
                    .body("current_run.total", equalTo(20))
                    .body("current_run.done", org.hamcrest.Matchers.greaterThan(0))
                    .body("lock.held", equalTo(true))
                    .body("lock.ttl_ms", org.hamcrest.Matchers.greaterThan(0)));
    JobResult result = running.get(30, java.util.concurrent.TimeUnit.SECONDS);

    assertThat(result)
        .isInstanceOfSatisfying(
            JobResult.Ran.class,
            ran -> {
              assertThat(ran.report().state()).isEqualTo(RunState.FINISHED);
              assertThat(ran.report().durationMs()).isGreaterThan(3_000);
            });
    assertThat(get(keys.lock())).isNull();
    authed().get(BASE + "/status").then().body("current_run", equalTo(null));
  }

  @Test
  void aRunThatLosesItsLockStopsAndEndsAborted() throws Exception {
    sites.delay(1_500);
    authed().get(BASE + "/run?defer=1").then().statusCode(202);
    var running = worker.drainOnce().subscribeAsCompletionStage();
    awaitExists(keys.lock());
    redis.run("SET", keys.lock(), "thief", "PX", "60000").await().atMost(WAIT);

    JobResult result = running.get(30, java.util.concurrent.TimeUnit.SECONDS);

    assertThat(result)
        .isInstanceOfSatisfying(
            JobResult.Ran.class,
            ran -> {
              assertThat(ran.report().state()).isEqualTo(RunState.ABORTED);
              assertThat(ran.report().abortReason()).isEqualTo("lock lost");
            });
    assertThat(get(keys.lock())).isEqualTo("thief");
  }

  @Test
  void jobsOfAConsumerWithoutHeartbeatArePutBack() {
    String dead = "dead-replica";
    redis
        .run("RPUSH", keys.processing(dead), "{\"timestamp\":1,\"run_id\":\"orphan\"}")
        .await()
        .atMost(WAIT);
    redis.run("SADD", keys.consumers(), dead).await().atMost(WAIT);
    queue.heartbeat(replica.name()).await().atMost(WAIT);

    assertThat(queue.recoverOrphans().await().atMost(WAIT)).isEqualTo(1);

    assertThat(redis.run("LINDEX", keys.queue(), "0").await().atMost(WAIT).toString())
        .contains("orphan");
    assertThat(length(keys.processing(dead))).isZero();
    assertThat(worker.drainOnce().await().atMost(WAIT)).isInstanceOf(JobResult.Ran.class);
  }

  @Test
  void aJobLeftInItsOwnProcessingListIsTakenUpAgain() {
    // What a Redis outage between take and done leaves behind on a replica that lives on.
    redis
        .run("RPUSH", keys.processing(replica.name()), "{\"timestamp\":1,\"run_id\":\"left-over\"}")
        .await()
        .atMost(WAIT);

    JobResult result = worker.drainOnce().await().atMost(WAIT);

    assertThat(result)
        .isInstanceOfSatisfying(
            JobResult.Ran.class, ran -> assertThat(ran.report().runId()).isEqualTo("left-over"));
    assertThat(length(keys.processing(replica.name()))).isZero();
  }

  @Test
  void cooldownComesFromRedis() {
    redis.run("SET", keys.cooldown(), "1700000000", "PX", "4000").await().atMost(WAIT);

    authed()
        .get(BASE + "/run")
        .then()
        .statusCode(429)
        .header("Retry-After", "4")
        .body("last_run_gmt", equalTo("2023-11-14T22:13:20Z"));
    authed().get(BASE + "/status").then().body("cooldown.remaining_s", equalTo(4));
  }

  @Test
  void aJobNotDueYetDoesNotHoldUpThePluginJobBehindIt() {
    Lease other = lock.tryAcquire("other-replica").await().atMost(WAIT).orElseThrow();
    long soon = System.currentTimeMillis() + 30_000;
    String waiting =
        "{\"timestamp\":1,\"run_id\":\"r-waits\",\"retries\":1,\"retry_at\":" + soon + "}";
    String plugin = "{\"timestamp\":1700000000,\"queued_at\":1700000000,\"retries\":0}";
    redis.run("RPUSH", keys.queue(), waiting, plugin).await().atMost(WAIT);

    JobResult result = worker.drainOnce().await().atMost(WAIT);

    // The plugin's job was taken past the waiting one (and met the busy lock in turn).
    assertThat(result).isEqualTo(new JobResult.Requeued(Job.derivedRunId(plugin), 1));
    assertThat(redis.run("LRANGE", keys.queue(), "0", "-1").await().atMost(WAIT).toString())
        .contains("r-waits");
    lock.release(other).await().atMost(WAIT);
  }

  @Test
  void aJobWithAnAbsurdRetryTimeIsDeadLetteredAndTheNextRuns() {
    long farAway = System.currentTimeMillis() + Duration.ofDays(3650).toMillis();
    redis
        .run(
            "RPUSH",
            keys.queue(),
            "{\"timestamp\":1,\"run_id\":\"r-far\",\"retry_at\":" + farAway + "}",
            "{\"timestamp\":1,\"run_id\":\"r-next\"}")
        .await()
        .atMost(WAIT);

    JobResult result = worker.drainOnce().await().atMost(WAIT);

    assertThat(result)
        .isInstanceOfSatisfying(
            JobResult.Ran.class, ran -> assertThat(ran.report().runId()).isEqualTo("r-next"));
    assertThat(length(keys.queue())).isZero();
    assertThat(redis.run("LINDEX", keys.dead(), "0").await().atMost(WAIT).toString())
        .contains("r-far", "beyond any retry");
  }

  @Test
  void aHugeJobWithAnAbsurdRetryTimeIsDeadLetteredCutToTheConfiguredLength() {
    long farAway = System.currentTimeMillis() + Duration.ofDays(3650).toMillis();
    String huge =
        "{\"timestamp\":1,\"run_id\":\"r-huge\",\"retry_at\":"
            + farAway
            + ",\"pad\":\""
            + "é".repeat(20_000)
            + "\"}";
    redis.run("RPUSH", keys.queue(), huge).await().atMost(WAIT);

    worker.drainOnce().await().atMost(WAIT);

    JsonObject dead =
        new JsonObject(redis.run("LINDEX", keys.dead(), "0").await().atMost(WAIT).toString());
    assertThat(dead.getString("reason")).contains("beyond any retry");
    assertThat(dead.getBoolean("truncated")).isTrue();
    assertThat(dead.getLong("job_length")).isEqualTo(huge.getBytes(UTF_8).length);
    // Cut at a character boundary, within the default max-job-length (8192).
    assertThat(dead.getString("job")).startsWith("{\"timestamp\":1,\"run_id\":\"r-huge\"");
    assertThat(dead.getString("job").getBytes(UTF_8).length).isBetween(8191, 8192);
    assertThat(dead.getString("job")).doesNotContain("\uFFFD");
  }

  @Test
  void alreadyQueuedNamesThePluginJobByTheIdItRunsUnder() {
    String plugin = "{\"timestamp\":1700000000,\"queued_at\":1700000000,\"retries\":0}";
    redis.run("RPUSH", keys.queue(), plugin).await().atMost(WAIT);

    String named =
        authed()
            .get(BASE + "/run?defer=1")
            .then()
            .statusCode(202)
            .body("status", equalTo("already_queued"))
            .extract()
            .path("run_id");

    assertThat(named).isEqualTo(Job.derivedRunId(plugin));
    JobResult result = worker.drainOnce().await().atMost(WAIT);
    assertThat(result)
        .isInstanceOfSatisfying(
            JobResult.Ran.class, ran -> assertThat(ran.report().runId()).isEqualTo(named));
    authed().get(BASE + "/runs/" + named).then().statusCode(200).body("state", equalTo("finished"));
  }

  @Test
  void aJobThatMetABusyLockRunsAsSoonAsTheLockIsFreeYetCountsOnlyRealRefusals() {
    Lease other = lock.tryAcquire("other-replica").await().atMost(WAIT).orElseThrow();
    redis
        .run("RPUSH", keys.queue(), "{\"timestamp\":1,\"run_id\":\"r-next\"}")
        .await()
        .atMost(WAIT);
    assertThat(worker.drainOnce().await().atMost(WAIT))
        .isEqualTo(new JobResult.Requeued("r-next", 1));
    // Still busy: the job waits for its retry time, no refusal is counted.
    assertThat(worker.drainOnce().await().atMost(WAIT)).isInstanceOf(JobResult.NoJob.class);

    lock.release(other).await().atMost(WAIT);

    // Its retry time (3 s away) has not come, but the lock is free: it runs now.
    assertThat(worker.drainOnce().await().atMost(WAIT))
        .isInstanceOfSatisfying(
            JobResult.Ran.class,
            ran -> assertThat(ran.report().state()).isEqualTo(RunState.FINISHED));
  }

  private void makeDue() {
    String head = redis.run("LPOP", keys.queue()).await().atMost(WAIT).toString();
    String due = head.replaceAll("\"retry_at\":\\d+", "\"retry_at\":1");
    redis.run("LPUSH", keys.queue(), due).await().atMost(WAIT);
  }

  private String get(String key) {
    Response value = redis.run("GET", key).await().atMost(WAIT);
    return value == null ? null : value.toString();
  }

  private long length(String key) {
    return redis.run("LLEN", key).await().atMost(WAIT).toLong();
  }

  private void awaitGone(String key) {
    org.awaitility.Awaitility.await().atMost(WAIT).until(() -> get(key) == null);
  }

  private void awaitExists(String key) {
    org.awaitility.Awaitility.await().atMost(WAIT).until(() -> get(key) != null);
  }
}
