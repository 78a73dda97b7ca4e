package org.allsitescron.sites;

import static org.allsitescron.support.Api.BASE;
import static org.allsitescron.support.Api.authed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.allsitescron.support.NetworkFixture;
import org.allsitescron.support.SiteServer;
import org.allsitescron.support.SiteServer.Behavior;
import org.allsitescron.support.TestNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs over the WordPress-shaped database in the local MariaDB. */
@QuarkusTest
@TestProfile(WordpressDbProfile.class)
class WordpressDbRunTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  SiteServer sites = TestNetwork.sites();
  NetworkFixture network = TestNetwork.fixture();

  @BeforeEach
  void resetSites() {
    sites.reset();
  }

  @AfterEach
  void closeRefusingBlog() {
    network.database().setFlag(NetworkFixture.REFUSING_BLOG, "public", false);
    network.database().setSiteUrl(NetworkFixture.REFUSING_BLOG, "http://127.0.0.1:1");
    sites.delay(0);
  }

  @Inject SiteSource source;

  @Test
  void theKeysetCursorResumesRightAfterTheCheckpointedBlog() {
    List<Site> all = source.sites(1000).collect().asList().await().atMost(WAIT);
    assertThat(all).hasSizeGreaterThan(3);
    long after = all.get(2).id();

    List<Site> resumed = source.sites(2, after).collect().asList().await().atMost(WAIT);

    // Compared by id and URL: each read carries its own cron state (with the database's clock).
    assertThat(resumed)
        .extracting(Site::id, Site::url)
        .containsExactlyElementsOf(
            all.subList(3, 5).stream()
                .map(site -> org.assertj.core.groups.Tuple.tuple(site.id(), site.url()))
                .toList());
  }

  @Test
  void everyEligibleSiteIsRequestedOnceAndNoIneligibleOne() {
    List<String> eligible = network.eligibleSites();

    authed()
        .get(BASE + "/run")
        .then()
        .log()
        .ifValidationFails()
        .statusCode(200)
        .body("success", equalTo(true))
        .body("count", equalTo(eligible.size()))
        .body("ok", equalTo(eligible.size()));

    Map<String, Integer> hits = sites.allHits();
    assertThat(hits.keySet()).containsExactlyInAnyOrderElementsOf(eligible);
    assertThat(hits.values()).allMatch(count -> count == 1);
    network.ineligibleSites().forEach(site -> assertThat(sites.hits(site)).as(site).isZero());
  }

  @Test
  void dryRunListsSiteUrlsInBlogIdOrderPreferringTheSiteurlOption() {
    int port = sites.port();
    List<String> expected =
        network.eligibleSites().stream()
            .map(site -> expectedUrl(site, port))
            .collect(Collectors.toList());

    List<String> listed =
        authed()
            .get(BASE + "/run?dry_run=1")
            .then()
            .statusCode(200)
            .body("count", equalTo(expected.size()))
            .extract()
            .jsonPath()
            .getList("sites", String.class);

    assertThat(listed).containsExactlyElementsOf(expected);
    // Blog 27's domain/path lead nowhere: only its siteurl option reaches the site.
    assertThat(listed).contains("http://127.0.0.1:" + port + "/b27-real");
    assertThat(listed).noneMatch(url -> url.contains("unreachable.invalid"));
  }

  @Test
  void capsAreNeverExceededAndReached() {
    sites.delay(150);

    authed().get(BASE + "/run").then().statusCode(200);

    assertThat(sites.maxInFlight()).isLessThanOrEqualTo(WordpressDbProfile.CONCURRENCY);
    for (String host : SiteServer.HOSTS) {
      assertThat(sites.maxInFlight(host)).as(host).isEqualTo(WordpressDbProfile.PER_HOST);
    }
  }

  @Test
  void eachOutcomeIsReportedAndNoSiteHoldsUpTheOthers() {
    sites.behave("b2", Behavior.FAIL_500);
    sites.behave("b3", Behavior.HANG);
    sites.behave("b4", Behavior.REDIRECT_SAME_HOST);
    sites.behave("b5", Behavior.REDIRECT_OTHER_HOST);
    sites.behave("b6", Behavior.REDIRECT_LOOP);
    network.database().setFlag(NetworkFixture.REFUSING_BLOG, "public", true);
    int eligible = network.eligibleSites().size() + 1;

    JsonPath body =
        authed()
            .get(BASE + "/run")
            .then()
            .log()
            .ifValidationFails()
            .statusCode(200)
            .body("success", equalTo(false))
            .body("error_code", equalTo("PARTIAL_FAILURE"))
            .body("count", equalTo(eligible))
            .body("errors", equalTo(4))
            .body("timeouts", equalTo(1))
            .body("ok", equalTo(eligible - 5))
            .body("message", containsString("Completed with 4 error(s): "))
            .body("failed_sites", hasSize(5))
            .extract()
            .jsonPath();

    assertThat(outcomeOf(body, "b2")).isEqualTo("http_error");
    assertThat(statusOf(body, "b2")).isEqualTo(500);
    assertThat(outcomeOf(body, "b3")).isEqualTo("timeout");
    assertThat(outcomeOf(body, "b5")).isEqualTo("http_error");
    assertThat(errorOf(body, "b5")).contains("another host");
    assertThat(outcomeOf(body, "b6")).isEqualTo("http_error");
    assertThat(errorOf(body, "b6")).contains("more than 3 redirects");
    assertThat(outcomeOf(body, "127.0.0.1:1")).isEqualTo("connect_error");
    // The same-host redirect was followed and answered 200.
    assertThat(sites.hits("moved-b4")).isEqualTo(1);
    // The hanging site cost its own timeout (1s), not the others': the run ends soon after.
    assertThat(body.getLong("duration_ms")).isLessThan(5_000);
  }

  @Test
  void gaOutputEscapesAHostileSiteUrl() {
    network.database().setFlag(NetworkFixture.REFUSING_BLOG, "public", true);
    network
        .database()
        .setSiteUrl(NetworkFixture.REFUSING_BLOG, "http://127.0.0.1:1/x%0A::error::injected");

    String text = authed().get(BASE + "/run?ga=1").then().statusCode(200).extract().asString();

    assertThat(text.lines())
        .contains(
            "::error title=wp-cron failed::http://127.0.0.1:1/x%250A::error::injected connect_error: "
                + errorLine(text));
    assertThat(text.lines()).noneMatch(line -> line.startsWith("::error::injected"));
    assertThat(text.lines().filter(line -> line.startsWith("::error")).count()).isEqualTo(2);
  }

  private static String errorLine(String text) {
    String prefix =
        "::error title=wp-cron failed::http://127.0.0.1:1/x%250A::error::injected connect_error: ";
    return text.lines()
        .filter(line -> line.startsWith(prefix))
        .findFirst()
        .map(line -> line.substring(prefix.length()))
        .orElse("<missing>");
  }

  private static String expectedUrl(String site, int port) {
    if (site.isEmpty()) {
      return "http://127.0.0.1:" + port;
    }
    int id =
        site.startsWith("b") && site.substring(1).chars().allMatch(Character::isDigit)
            ? Integer.parseInt(site.substring(1))
            : 0;
    String host = id >= 2 && id <= 19 ? SiteServer.HOSTS.get(id % 3) : SiteServer.HOSTS.get(0);
    return "http://" + host + ":" + port + "/" + site;
  }

  private static Map<String, Object> failed(JsonPath body, String fragment) {
    List<Map<String, Object>> failed = body.getList("failed_sites");
    return failed.stream()
        .filter(site -> ((String) site.get("url")).endsWith(fragment))
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("no failed site ending in " + fragment + ": " + failed));
  }

  private static String outcomeOf(JsonPath body, String fragment) {
    return (String) failed(body, fragment).get("outcome");
  }

  private static int statusOf(JsonPath body, String fragment) {
    return (Integer) failed(body, fragment).get("status");
  }

  private static String errorOf(JsonPath body, String fragment) {
    return (String) failed(body, fragment).get("error");
  }
}
