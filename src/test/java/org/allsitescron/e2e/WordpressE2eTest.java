package org.allsitescron.e2e;

import static org.allsitescron.support.Api.BASE;
import static org.allsitescron.support.Api.authed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.allsitescron.run.JobResult;
import org.allsitescron.run.RunReport;
import org.allsitescron.worker.QueueWorker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The proof on a real WordPress multisite ({@code e2e/wordpress/setup.sh}): after one run every
 * eligible blog's due cron event has executed exactly once and no ineligible blog's has. Counted in
 * WordPress's own database, not from the HTTP answers: a 200 from {@code wp-cron.php} proves
 * nothing.
 */
@QuarkusTest
@TestProfile(WordpressE2eProfile.class)
class WordpressE2eTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  private static WordpressRig rig;

  @Inject QueueWorker worker;

  /** Per test, not per class: surefire reports a class skipped in @BeforeAll as 0 tests run. */
  @BeforeEach
  void findRig() {
    if (rig == null) {
      rig = WordpressRig.requireOrSkip();
    }
  }

  @AfterAll
  static void closeRig() {
    if (rig != null) {
      rig.close();
      rig = null;
    }
  }

  @Test
  void syncRunExecutesEveryEligibleBlogsDueEventExactlyOnce() throws InterruptedException {
    int eligible = rig.eligibleBlogIds().size();
    rig.arm();

    JsonPath body =
        authed()
            .get(BASE + "/run")
            .then()
            .statusCode(200)
            .contentType("application/json")
            .extract()
            .jsonPath();

    assertThat(body.getBoolean("success")).as(body.prettify()).isTrue();
    assertThat(body.getInt("count")).isEqualTo(eligible);
    assertThat(body.getInt("ok")).isEqualTo(eligible);
    assertThat(body.getList("failed_sites")).isEmpty();
    rig.assertEachEligibleBlogRanOnce();
  }

  @Test
  void deferredRunWaitsForTheWorkerThenExecutesEveryEligibleBlogOnce() throws InterruptedException {
    int eligible = rig.eligibleBlogIds().size();
    rig.arm();

    JsonPath queued =
        authed()
            .queryParam("defer", "1")
            .get(BASE + "/run")
            .then()
            .statusCode(202)
            .extract()
            .jsonPath();

    assertThat(queued.getString("mode")).isEqualTo("deferred");
    assertThat(queued.getString("status")).isEqualTo("queued");
    String runId = queued.getString("run_id");
    assertThat(rig.runsByBlog()).as("events run before the worker took the job").isEmpty();

    JobResult result = worker.drainOnce().await().atMost(WAIT);

    assertThat(result)
        .isInstanceOfSatisfying(
            JobResult.Ran.class,
            ran -> {
              RunReport report = ran.report();
              assertThat(report.runId()).isEqualTo(runId);
              assertThat(report.count()).isEqualTo(eligible);
              assertThat(report.ok()).isEqualTo(eligible);
            });
    rig.assertEachEligibleBlogRanOnce();
    JsonPath report =
        authed().get(BASE + "/runs/" + runId).then().statusCode(200).extract().jsonPath();
    assertThat(report.getString("trigger")).isEqualTo("rest-deferred");
    assertThat(report.getString("state")).isEqualTo("finished");
    assertThat(report.getInt("count")).isEqualTo(eligible);
    assertThat(report.getInt("errors")).isZero();
  }

  @Test
  void githubActionsRunPrintsNoticesOnlyAndExecutesEveryEligibleBlogOnce()
      throws InterruptedException {
    int eligible = rig.eligibleBlogIds().size();
    rig.arm();

    String text =
        authed()
            .queryParam("ga", "1")
            .get(BASE + "/run")
            .then()
            .statusCode(200)
            .contentType("text/plain; charset=utf-8")
            .extract()
            .asString();

    List<String> lines = text.lines().toList();
    assertThat(lines).first().isEqualTo("::notice::Running wp-cron on " + eligible + " sites");
    assertThat(lines).as(text).noneMatch(line -> line.startsWith("::error"));
    assertThat(lines)
        .last(STRING)
        .startsWith(
            "::notice::Done: %d sites, %d ok, 0 errors, 0 timeouts".formatted(eligible, eligible));
    rig.assertEachEligibleBlogRanOnce();
  }

  @Test
  void dryRunListsEachEligibleBlogsOwnSiteUrlAndRequestsNothing() throws InterruptedException {
    List<Long> eligible = rig.eligibleBlogIds();
    rig.arm();

    JsonPath body =
        authed()
            .queryParam("dry_run", "1")
            .get(BASE + "/run")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();

    assertThat(body.getBoolean("dry_run")).isTrue();
    assertThat(body.getInt("count")).isEqualTo(eligible.size());
    List<String> sites = body.getList("sites", String.class);
    assertThat(sites).contains(rig.get("WP_MAPPED_SITEURL"));
    // Each listed URL must be served by that blog itself, as its own siteurl, in blog_id order.
    List<WordpressRig.Whoami> served = sites.stream().map(rig::whoami).toList();
    assertThat(served).extracting(WordpressRig.Whoami::blogId).containsExactlyElementsOf(eligible);
    assertThat(served).extracting(WordpressRig.Whoami::siteUrl).containsExactlyElementsOf(sites);
    rig.assertNoEventRan("a dry run");
  }
}
