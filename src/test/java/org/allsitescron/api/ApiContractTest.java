package org.allsitescron.api;

import static io.restassured.RestAssured.given;
import static org.allsitescron.support.Api.BASE;
import static org.allsitescron.support.Api.authed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.allsitescron.coordination.Lease;
import org.allsitescron.coordination.RunLock;
import org.allsitescron.run.JobResult;
import org.allsitescron.run.RunService;
import org.allsitescron.support.SiteServer;
import org.allsitescron.support.TestNetwork;
import org.allsitescron.worker.QueueWorker;
import org.junit.jupiter.api.Test;

/**
 * Drives every documented operation to every documented status of the live application (the 503s
 * are {@link ApiContractRedisDownTest}'s) and validates each answer against its schema in {@code
 * /q/openapi}.
 */
@QuarkusTest
@TestProfile(ApiContractTest.Profile.class)
class ApiContractTest {

  /** A cooldown to reach 429 and one request at a time, so a run can be cut short. */
  public static class Profile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("all-sites-cron.rate-limit-seconds", "3", "all-sites-cron.concurrency", "1");
    }
  }

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String RUN = BASE + "/run";
  private static final String QUEUE = BASE + "/process-queue";
  private static final String STATUS = BASE + "/status";
  private static final String RUNS = BASE + "/runs";
  private static final String REPORT = BASE + "/runs/{id}";
  private static final String SITES = BASE + "/sites";

  @Inject RunLock lock;
  @Inject RunService runs;
  @Inject QueueWorker worker;

  SiteServer sites = TestNetwork.sites();

  @Test
  void everyDocumentedAnswerIsSentAndFitsItsSchema() throws Exception {
    ApiContract api = ApiContract.load();
    sites.reset();

    for (String method : new String[] {"GET", "POST"}) {
      afterCooldown();
      api.check(method, RUN, authed().request(method, RUN));
      api.check(method, RUN, authed().request(method, RUN));
      api.check(method, RUN, authed().queryParam("ga", "1").request(method, RUN));
      api.check(method, RUN, authed().queryParam("dry_run", "1").request(method, RUN));
      afterCooldown();
      api.check(method, RUN, authed().queryParam("ga", "1").request(method, RUN));
      afterCooldown();
      api.check(method, RUN, authed().queryParam("defer", "1").request(method, RUN));
      afterCooldown();
      api.check(method, RUN, authed().queryParam("defer", "1").request(method, RUN));
      drain();
      refusals(api, method, RUN);
      afterCooldown();
      api.check(method, RUN, whileLocked(() -> authed().request(method, RUN)));
      afterCooldown();
      api.check(method, RUN, aborted(() -> authed().request(method, RUN)));
    }

    // HEAD /run is a dry run without body (described in GET's description).
    sites.reset();
    authed().head(RUN).then().statusCode(200);
    authed().queryParam("defer", "maybe").head(RUN).then().statusCode(400);
    given().head(RUN).then().statusCode(401);
    given().queryParam("token", "wrong").head(RUN).then().statusCode(403);
    assertThat(sites.allHits()).isEmpty();

    api.check("POST", QUEUE, authed().post(QUEUE));
    afterCooldown();
    authed().queryParam("defer", "1").get(RUN).then().statusCode(202);
    api.check("POST", QUEUE, whileLocked(() -> authed().post(QUEUE)));
    api.check("POST", QUEUE, authed().post(QUEUE));
    afterCooldown();
    authed().queryParam("defer", "1").get(RUN).then().statusCode(202);
    api.check("POST", QUEUE, aborted(() -> authed().post(QUEUE)));
    drain();
    refusals(api, "POST", QUEUE);

    api.check("GET", STATUS, authed().get(STATUS));
    refusals(api, "GET", STATUS);
    api.check("GET", RUNS, authed().queryParam("limit", "3").get(RUNS));
    api.check("GET", RUNS, authed().queryParam("limit", "0").get(RUNS));
    refusals(api, "GET", RUNS);
    String id = authed().get(RUNS).path("runs[0].run_id");
    api.check("GET", REPORT, authed().get(BASE + "/runs/" + id));
    api.check("GET", REPORT, authed().get(BASE + "/runs/nope"));
    refusals(api, "GET", REPORT);

    api.check("GET", RUN, authed().queryParam("site", "999999").get(RUN));
    api.check("POST", RUN, authed().queryParam("site", "999999").post(RUN));
    api.check("GET", SITES, authed().queryParam("state", "failing").get(SITES));
    api.check("GET", SITES, authed().queryParam("state", "sleeping").get(SITES));
    refusals(api, "GET", SITES);

    Set<String> missing = new TreeSet<>(api.documented());
    missing.removeAll(api.seen());
    missing.removeIf(pair -> pair.endsWith(" 503"));
    // A job cut short by a shutdown goes back to the queue (409); only a failing site source
    // (the wordpress-db kind) or an unexpected error makes /process-queue answer 500.
    missing.remove(ApiContract.key("POST", QUEUE, 500));
    assertThat(missing).as("documented answers never sent").isEmpty();
  }

  /** 400 (where the route reads flags), 401, 403 and 406. */
  private void refusals(ApiContract api, String method, String template) throws Exception {
    String path = template.replace("{id}", "some-id");
    boolean flags = template.equals(RUN) || template.equals(QUEUE);
    if (flags || template.equals(RUNS)) {
      String name = flags ? "ga" : "limit";
      api.check(method, template, authed().queryParam(name, "maybe").request(method, path));
    }
    api.check(method, template, given().request(method, path));
    api.check(method, template, given().queryParam("token", "wrong").request(method, path));
    api.check(method, template, authed().accept("application/xml").request(method, path));
  }

  private Response whileLocked(java.util.function.Supplier<Response> request) {
    Lease lease = lock.tryAcquire("someone-else").await().atMost(WAIT).orElseThrow();
    try {
      return request.get();
    } finally {
      lock.release(lease).await().atMost(WAIT);
    }
  }

  /** The request's run loses its lock after its first sites (the lock is taken from it). */
  private Response aborted(java.util.function.Supplier<Response> request) throws Exception {
    sites.delay(300);
    try {
      CompletableFuture<Response> answer = CompletableFuture.supplyAsync(request);
      await().atMost(WAIT).until(() -> runs.isRunning() || answer.isDone());
      String owner = lock.inspect().await().atMost(WAIT).owner();
      lock.release(new Lease(owner, 0, 0)).await().atMost(WAIT);
      return answer.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
    } finally {
      sites.delay(0);
    }
  }

  private void drain() {
    while (!(worker.drainOnce().await().atMost(WAIT) instanceof JobResult.NoJob)) {
      // run what a test queued
    }
  }

  private void afterCooldown() {
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> authed().get(STATUS).<Integer>path("cooldown.remaining_s") == 0);
    try {
      // remaining_s is whole seconds: up to one more may be left
      Thread.sleep(1_100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
