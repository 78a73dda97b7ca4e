package org.allsitescron.e2e;

import static org.allsitescron.support.Api.BASE;
import static org.allsitescron.support.Api.authed;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Site health on the real WordPress multisite, in {@code due} mode: a blog whose due event stays
 * due (its wp-cron.php answers 200 without running it; the event was due a minute before the run,
 * which is more than this profile's {@code health.behind-after} of 20 s) is {@code behind} in
 * {@code /sites}; the blogs a due run does not request (nothing due, its lock held) keep a truthful
 * entry all the same, with their cron outcome.
 */
@QuarkusTest
@TestProfile(SiteHealthE2eTest.Profile.class)
class SiteHealthE2eTest extends RigTest {

  /** Less than the minute by which arm.php's events are overdue. */
  static final long BEHIND_AFTER_SECONDS = 20;

  /** due mode, a settle timeout that fits a test, a short behind-after. */
  public static class Profile extends WordpressE2eProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      Map<String, String> config = withCronCheck(super.getConfigOverrides(), "due", "4s");
      config.put("all-sites-cron.health.behind-after", BEHIND_AFTER_SECONDS + "s");
      return config;
    }
  }

  @Test
  void aBlogWhoseEventsStayDueIsBehindAndTheBlogsNotRequestedKeepTheirCronOutcome() {
    CronCheckE2eTest.Roles roles = CronCheckE2eTest.Roles.of(rig);
    rig.arm(roles.scenario());

    authed().get(BASE + "/run").then().statusCode(200);

    JsonPath behind = sites("behind");
    assertThat(ids(behind)).containsExactlyInAnyOrder(roles.silent(), roles.noSiteUrl());
    assertThat(behind.getList("sites.cron_outcome", String.class)).containsOnly("still_due");
    assertThat(behind.getList("sites.overdue_s", Integer.class))
        .allMatch(seconds -> seconds > BEHIND_AFTER_SECONDS);
    assertThat(behind.getInt("summary.behind")).isEqualTo(2);

    Map<Long, Map<String, Object>> all = byId(sites("all"));
    assertThat(all.keySet()).containsExactlyInAnyOrderElementsOf(roles.eligible());
    assertThat(all.get(roles.notDue()))
        .containsEntry("state", "ok")
        .containsEntry("http_outcome", "not_requested")
        .containsEntry("cron_outcome", "not_due");
    assertThat(all.get(roles.busy()))
        .containsEntry("http_outcome", "not_requested")
        .containsEntry("cron_outcome", "busy");
    for (long ran : roles.ran()) {
      assertThat(all.get(ran))
          .as("blog %d", ran)
          .containsEntry("state", "ok")
          .containsEntry("cron_outcome", "ran")
          .containsKey("last_ran");
    }
  }

  private static JsonPath sites(String state) {
    return authed()
        .queryParam("state", state)
        .queryParam("limit", "500")
        .get(BASE + "/sites")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static List<Long> ids(JsonPath page) {
    return page.getList("sites.blog_id", Integer.class).stream().map(Integer::longValue).toList();
  }

  private static Map<Long, Map<String, Object>> byId(JsonPath page) {
    Map<Long, Map<String, Object>> found = new HashMap<>();
    for (Map<String, Object> site : page.<Map<String, Object>>getList("sites")) {
      found.put(((Number) site.get("blog_id")).longValue(), site);
    }
    return found;
  }
}
