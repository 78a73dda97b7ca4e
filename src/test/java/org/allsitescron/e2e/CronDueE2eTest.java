package org.allsitescron.e2e;

import static org.allsitescron.support.Api.BASE;
import static org.allsitescron.support.Api.authed;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code cron-check.mode=due} on the real WordPress multisite: only the blogs with a due event are
 * requested (nginx's own access log says which wp-cron.php were asked for), an idle blog and a busy
 * one never are, and the ones that answer without running are still caught.
 */
@QuarkusTest
@TestProfile(CronDueE2eTest.Profile.class)
class CronDueE2eTest extends RigTest {

  /** due mode, a settle timeout that fits a test. */
  public static class Profile extends WordpressE2eProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      Map<String, String> config = withCronCheck(super.getConfigOverrides(), "due", "6s");
      return config;
    }
  }

  @Test
  void onlySitesWithDueEventsAreRequested() throws IOException {
    CronCheckE2eTest.Roles roles = CronCheckE2eTest.Roles.of(rig);
    rig.arm(roles.scenario());
    long logStart = Files.size(rig.accessLog());

    JsonPath body = authed().get(BASE + "/run").then().statusCode(200).extract().jsonPath();

    int due = roles.ran().size() + 2;
    assertThat(body.getInt("count")).isEqualTo(roles.eligible().size());
    assertThat(body.getInt("requested")).isEqualTo(due);
    assertThat(body.getString("cron.mode")).isEqualTo("due");
    assertThat(body.getInt("cron.ran")).isEqualTo(roles.ran().size());
    assertThat(body.getInt("cron.still_due")).isEqualTo(2);
    assertThat(body.getInt("cron.not_due")).isEqualTo(1);
    assertThat(body.getInt("cron.busy")).isEqualTo(1);
    assertThat(body.getBoolean("success")).isFalse();
    assertThat(rig.runsByBlog().keySet()).containsExactlyInAnyOrderElementsOf(roles.ran());

    List<String> cronRequests =
        newLines(rig, logStart).stream().filter(line -> line.contains("/wp-cron.php")).toList();
    assertThat(cronRequests).hasSize(due);
    assertThat(cronRequests)
        .noneMatch(line -> line.contains("/site" + roles.notDue() + "/wp-cron.php"))
        .noneMatch(line -> line.contains("/site" + roles.busy() + "/wp-cron.php"));
    assertThat(cronRequests)
        .anyMatch(line -> line.contains("/site" + roles.silent() + "/wp-cron.php"))
        .anyMatch(line -> line.contains("/site" + roles.noSiteUrl() + "/wp-cron.php"));
  }

  private static List<String> newLines(WordpressRig rig, long from) throws IOException {
    try (RandomAccessFile log = new RandomAccessFile(rig.accessLog().toFile(), "r")) {
      log.seek(from);
      byte[] bytes = new byte[(int) (log.length() - from)];
      log.readFully(bytes);
      return new String(bytes, StandardCharsets.UTF_8).lines().toList();
    }
  }
}
