package org.allsitescron.ops;

import static io.restassured.RestAssured.given;
import static org.allsitescron.support.Api.BASE;
import static org.allsitescron.support.Api.TOKEN;
import static org.allsitescron.support.Api.authed;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.allsitescron.support.SiteServer;
import org.allsitescron.support.SiteServer.Behavior;
import org.allsitescron.support.TestNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The service's log as an operator gets it, captured from start-up on into a JSON file: secrets
 * never appear, the effective configuration is reported masked, and a run whose 25 sites all fail
 * logs 20 of them at WARN and then one summary line.
 */
@QuarkusTest
@TestProfile(ServiceLogTest.CapturedLog.class)
class ServiceLogTest {

  /** One file per test JVM (same in every class loader), so a test reads only its own run. */
  static final Path LOG =
      Path.of("target", "service-log-test", ProcessHandle.current().pid() + ".json.log");

  static final String DB_PASSWORD = "db-secret-pw";

  private static final ObjectMapper JSON = new ObjectMapper();

  SiteServer sites = TestNetwork.sites();

  @AfterEach
  void resetSites() {
    sites.reset();
  }

  @Test
  void noSecretEverReachesTheLog() throws Exception {
    authed().queryParam("dry_run", "1").get(BASE + "/run").then().statusCode(200);
    given().queryParam("token", TOKEN).get(BASE + "/run").then().statusCode(200);
    given().queryParam("token", TOKEN).get(BASE + "/status").then().statusCode(200);
    given().get(BASE + "/run").then().statusCode(401);

    String log = Files.readString(LOG, StandardCharsets.UTF_8);

    assertThat(log).contains("Effective configuration").doesNotContain(TOKEN, DB_PASSWORD);
  }

  @Test
  void startUpReportsTheEffectiveConfigurationWithSecretsMasked() throws Exception {
    String report =
        records().stream()
            .map(record -> record.path("message").asText())
            .filter(message -> message.startsWith("Effective configuration"))
            .reduce((first, last) -> last)
            .orElseThrow();

    assertThat(report)
        .contains("all-sites-cron.auth-token = " + StartupReport.MASK)
        .contains("quarkus.datasource.password = " + StartupReport.MASK)
        .contains("quarkus.datasource.reactive.url = mysql://root:" + StartupReport.MASK + "@")
        .contains("all-sites-cron.number-of-sites = 25")
        .contains("all-sites-cron.sites.source = static");
  }

  @Test
  void aRunLogsTwentyFailedSitesThenOneSummary() throws Exception {
    TestNetwork.staticSites().forEach(site -> sites.behave(site, Behavior.FAIL_500));

    String runId =
        authed().get(BASE + "/run").then().statusCode(200).extract().path("run_id").toString();

    List<JsonNode> warnings =
        records().stream()
            .filter(record -> "WARN".equals(record.path("level").asText()))
            .filter(record -> record.path("message").asText().contains(runId))
            .toList();
    assertThat(warnings).hasSize(FailedSiteLog.PER_RUN + 1);
    assertThat(warnings.subList(0, FailedSiteLog.PER_RUN))
        .allSatisfy(
            record ->
                assertThat(record.path("message").asText())
                    .containsPattern("site http://\\S+/site-\\d\\d failed: http_error, HTTP 500"));
    assertThat(warnings.get(FailedSiteLog.PER_RUN).path("message").asText())
        .contains("5 more failed sites not logged (25 in all)");
  }

  @Test
  void everyRecordIsOneJsonObjectWithTheDocumentedFields() throws Exception {
    List<JsonNode> records = records();

    assertThat(records).isNotEmpty();
    assertThat(records)
        .allSatisfy(
            record ->
                assertThat(record.fieldNames())
                    .toIterable()
                    .contains(
                        "timestamp",
                        "sequence",
                        "loggerName",
                        "level",
                        "message",
                        "threadName",
                        "hostName",
                        "processName",
                        "processId",
                        "mdc"));
  }

  private static List<JsonNode> records() throws Exception {
    List<JsonNode> records = new ArrayList<>();
    for (String line : Files.readAllLines(LOG, StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        records.add(JSON.readTree(line));
      }
    }
    return records;
  }

  /**
   * Every record of this application as JSON lines in {@link #LOG}, from start-up on; a database
   * password to look for (the static source never connects), and all 25 static sites.
   */
  public static class CapturedLog implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "quarkus.log.file.enabled",
          "true",
          "quarkus.log.file.path",
          LOG.toString(),
          "quarkus.log.file.json.enabled",
          "true",
          "quarkus.datasource.password",
          DB_PASSWORD,
          "quarkus.datasource.reactive.url",
          "mysql://root:" + DB_PASSWORD + "@127.0.0.1:3306/" + TestNetwork.DATABASE,
          "all-sites-cron.number-of-sites",
          "25");
    }
  }
}
