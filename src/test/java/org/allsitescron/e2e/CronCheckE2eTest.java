package org.allsitescron.e2e;

import static org.allsitescron.support.Api.BASE;
import static org.allsitescron.support.Api.authed;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code cron-check.mode=verify} on the real WordPress multisite: each site's cron outcome judged
 * from its own rows (ran, not due, busy, and two that answer 200 without running: one whose
 * wp-cron.php exits early, one with no {@code siteurl} option), and the per-host slot held until
 * the cron work is done, counted against the executions WordPress itself logged.
 */
@QuarkusTest
@TestProfile(CronCheckE2eTest.Profile.class)
class CronCheckE2eTest extends RigTest {

  static final int PER_HOST = 4;

  /** verify mode, 4 per host, a settle timeout that fits a test. */
  public static class Profile extends WordpressE2eProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      Map<String, String> config = withCronCheck(super.getConfigOverrides(), "verify", "8s");
      config.put("all-sites-cron.concurrency", "50");
      config.put("all-sites-cron.per-host-concurrency", String.valueOf(PER_HOST));
      return config;
    }
  }

  @Test
  void eachSiteIsJudgedFromItsOwnRows() {
    Roles roles = Roles.of(rig);
    rig.arm(roles.scenario());

    JsonPath body = authed().get(BASE + "/run").then().statusCode(200).extract().jsonPath();

    assertThat(body.getBoolean("success")).as("a still_due site fails the run").isFalse();
    assertThat(body.getInt("requested")).isEqualTo(roles.eligible.size());
    assertThat(body.getString("cron.mode")).isEqualTo("verify");
    assertThat(body.getInt("cron.ran")).isEqualTo(roles.ran.size());
    assertThat(body.getInt("cron.still_due")).isEqualTo(2);
    assertThat(body.getInt("cron.not_due")).isEqualTo(1);
    assertThat(body.getInt("cron.busy")).isEqualTo(1);
    assertThat(body.getInt("cron.unknown")).isZero();
    assertThat(body.getLong("cron.oldest_overdue_seconds")).isGreaterThanOrEqualTo(60);
    List<Map<String, Object>> failed = body.getList("failed_sites");
    assertThat(failed)
        .extracting(
            site -> site.get("outcome"), site -> site.get("status"), site -> site.get("cron"))
        .containsOnly(org.assertj.core.groups.Tuple.tuple("still_due", 200, "still_due"));
    assertThat(failed)
        .extracting(site -> (String) site.get("url"))
        .containsExactlyInAnyOrder(roles.url(roles.silent), roles.url(roles.noSiteUrl));
    // WordPress's own log: exactly the blogs judged `ran` executed their event, once.
    Map<Long, Long> runs = rig.runsByBlog();
    assertThat(runs.keySet()).containsExactlyInAnyOrderElementsOf(roles.ran);
    assertThat(runs.values()).containsOnly(1L);
  }

  @Test
  void aHostRunsAtMostPerHostConcurrencyCronsAtOnce() {
    List<Long> eligible = rig.eligibleBlogIds();
    rig.arm("due=" + join(eligible), "sleep_ms=1000");

    JsonPath body = authed().get(BASE + "/run").then().statusCode(200).extract().jsonPath();

    assertThat(body.getInt("cron.ran")).isEqualTo(eligible.size());
    assertThat(body.getBoolean("success")).isTrue();
    List<double[]> spans = rig.spans();
    assertThat(spans).hasSize(eligible.size());
    // Every event has ended before the run ended: the run waited for the cron work, not HTTP.
    int most = mostAtOnce(spans);
    assertThat(most).as("events running at once on one host").isLessThanOrEqualTo(PER_HOST);
    assertThat(most).as("the cap is reached").isEqualTo(Math.min(PER_HOST, eligible.size()));
    // 7 one-second events, 4 at a time: at least two rounds.
    assertThat(body.getLong("duration_ms")).isGreaterThanOrEqualTo(2_000);
  }

  static int mostAtOnce(List<double[]> spans) {
    List<double[]> edges = new ArrayList<>();
    for (double[] span : spans) {
      edges.add(new double[] {span[0], 1});
      edges.add(new double[] {span[1], -1});
    }
    // At equal times an end comes before a start: touching spans do not overlap.
    edges.sort(Comparator.<double[]>comparingDouble(e -> e[0]).thenComparingDouble(e -> e[1]));
    int now = 0;
    int most = 0;
    for (double[] edge : edges) {
      now += (int) edge[1];
      most = Math.max(most, now);
    }
    return most;
  }

  static String join(List<Long> ids) {
    return String.join(",", ids.stream().map(String::valueOf).toList());
  }

  /** Which eligible blog plays which part; blog ids come from the rig's state file. */
  record Roles(
      List<Long> eligible,
      List<Long> ran,
      long notDue,
      long silent,
      long noSiteUrl,
      long busy,
      long mapped,
      String baseUrl,
      String mappedUrl) {

    static Roles of(WordpressRig rig) {
      List<Long> eligible = rig.eligibleBlogIds();
      assertThat(eligible)
          .as("the rig needs 7 eligible blogs (WP_SITES >= 12)")
          .hasSizeGreaterThan(6);
      long mapped = rig.mappedBlogId();
      List<Long> others = eligible.stream().filter(id -> id != mapped).toList();
      List<Long> ran = List.of(others.get(0), others.get(1), mapped);
      return new Roles(
          eligible,
          ran,
          others.get(2),
          others.get(3),
          others.get(4),
          others.get(5),
          mapped,
          rig.get("WP_URL"),
          rig.get("WP_MAPPED_SITEURL"));
    }

    String[] scenario() {
      List<Long> due = new ArrayList<>(ran);
      due.add(silent);
      due.add(noSiteUrl);
      return new String[] {
        "due=" + join(due), "silent=" + silent, "nositeurl=" + noSiteUrl, "busy=" + busy
      };
    }

    /** The URL a run requests for a blog: the main site at the root, others under /site<N>. */
    String url(long id) {
      if (id == mapped) {
        return mappedUrl;
      }
      return id == 1 ? baseUrl : baseUrl + "/site" + id;
    }
  }
}
