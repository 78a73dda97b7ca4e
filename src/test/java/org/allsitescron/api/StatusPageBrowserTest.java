package org.allsitescron.api;

import static io.restassured.RestAssured.given;
import static org.allsitescron.support.Api.BASE;
import static org.allsitescron.support.Api.TOKEN;
import static org.allsitescron.support.Api.authed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.allsitescron.support.SiteServer;
import org.allsitescron.support.TestNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The status page in a real browser (Debian's chromium driven by playwright-core, installed by
 * {@code ci/install-browser.sh}): closed without the token, then with it the running run's progress
 * and a failing site with its reason. Skips when the browser is missing, unless {@code
 * -De2e.browser=required} (CI), where it fails. Screenshots go to {@code target/}.
 */
@QuarkusTest
@TestProfile(StatusPageBrowserTest.SlowRuns.class)
class StatusPageBrowserTest {

  static final String REQUIRED_PROPERTY = "e2e.browser";
  static final Path SCRIPT_DIR = Path.of("src", "test", "browser");
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final String FAILING = "site-05";

  /** Runs that last: two requests at a time, each answered after 3 s (about 30 s a run). */
  public static class SlowRuns implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("all-sites-cron.concurrency", "2", "all-sites-cron.request-timeout", "20s");
    }
  }

  @TestHTTPResource("/")
  URL root;

  SiteServer sites = TestNetwork.sites();

  @AfterEach
  void reset() {
    sites.reset();
    sites.delay(0);
  }

  @Test
  void thePageIsStaticAndHoldsNoData() {
    given()
        .get("/all-sites-cron/")
        .then()
        .statusCode(200)
        .contentType(containsString("text/html"))
        .header("Content-Security-Policy", containsString("default-src 'none'"))
        .body(containsString("Access token"))
        .body(not(containsString("127.0.0.1")));
    given().get("/all-sites-cron/status.js").then().statusCode(200);
    given().get(BASE + "/sites").then().statusCode(401);
  }

  @Test
  void showsARunningRunAndAFailingSiteWithTheTokenAndNothingWithout() throws Exception {
    requireBrowser();
    sites.behave(FAILING, SiteServer.Behavior.FAIL_500);
    authed().get(BASE + "/run").then().statusCode(200);
    sites.delay(3_000);
    CompletableFuture<Integer> running =
        CompletableFuture.supplyAsync(() -> authed().get(BASE + "/run").statusCode());
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> authed().get(BASE + "/status").path("current_run.done") != null);

    Path shots = Path.of("target").toAbsolutePath();
    String failingUrl = sites.url(SiteServer.HOSTS.get(0), FAILING);
    Path out = Files.createTempFile("status-page", ".json");
    Process node =
        new ProcessBuilder(
                "node",
                "status-page.mjs",
                root.toString().replaceAll("/$", ""),
                TOKEN,
                failingUrl,
                shots.toString())
            .directory(SCRIPT_DIR.toFile())
            .redirectOutput(out.toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    if (!node.waitFor(120, TimeUnit.SECONDS)) {
      node.destroyForcibly();
      fail("the browser script did not finish within 120 s");
    }
    String output = Files.readString(out, StandardCharsets.UTF_8).trim();
    JsonNode seen = new ObjectMapper().readTree(output.isEmpty() ? "{}" : output);
    assertThat(node.exitValue()).as(output).isZero();
    // The run outlasts the test client's read timeout: its end is seen in /status, not its answer.
    running.cancel(true);
    await()
        .atMost(Duration.ofSeconds(90))
        .until(() -> authed().get(BASE + "/status").path("current_run") == null);

    // Closed without the token, and with a wrong one.
    assertThat(seen.path("closedLoginVisible").asBoolean()).isTrue();
    assertThat(seen.path("closedDashboardVisible").asBoolean()).isFalse();
    assertThat(seen.path("closedShowsSite").asBoolean()).isFalse();
    assertThat(seen.path("tokenLabel").asText()).isEqualTo("Access token");
    assertThat(seen.path("wrongTokenMessage").asText()).contains("refused");
    assertThat(seen.path("wrongTokenDashboardVisible").asBoolean()).isFalse();
    // With it: the run in progress and the failing site with its reason.
    assertThat(seen.path("progressValue").asInt()).isPositive();
    assertThat(seen.path("progressMax").asInt()).isEqualTo(20);
    assertThat(seen.path("progressText").asText()).contains("of 20 sites done");
    assertThat(seen.path("failingRow").get(0).toString()).contains("failing", "HTTP 500");
    assertThat(seen.path("runsListed").asInt()).isGreaterThanOrEqualTo(2);
    assertThat(seen.path("tokenInUrl").asBoolean()).isFalse();
    assertThat(seen.path("phoneHorizontalOverflow").asBoolean()).isFalse();
    // Signing out forgets the token.
    assertThat(seen.path("afterSignOutDashboardVisible").asBoolean()).isFalse();
    assertThat(seen.path("afterSignOutStored").asInt()).isZero();
    assertThat(shots.resolve("status-page.png")).isNotEmptyFile();
    assertThat(shots.resolve("status-page-phone.png")).isNotEmptyFile();
  }

  private static void requireBrowser() {
    boolean ready =
        Files.isExecutable(CHROMIUM)
            && Files.isDirectory(SCRIPT_DIR.resolve("node_modules").resolve("playwright-core"));
    if (ready) {
      return;
    }
    String message = "chromium or playwright-core missing (bash ci/install-browser.sh)";
    if ("required".equals(System.getProperty(REQUIRED_PROPERTY))) {
      fail(message + " and -D" + REQUIRED_PROPERTY + "=required");
    }
    Assumptions.abort(message + "; skipped");
  }
}
