package org.allsitescron.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.RestAssured;
import java.time.Duration;
import org.allsitescron.support.ServiceProcess;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A bad value stops start-up with one block naming the key and the value (and what is allowed),
 * never a stack trace; a set token means auth, whatever else is left unset.
 */
class ConfigValidationIT {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "all-sites-cron.batch-size | 0 | all-sites-cron.batch-size",
        "all-sites-cron.concurrency | lots | lots",
        "all-sites-cron.request-timeout | soon | soon",
        "all-sites-cron.cron-check.poll-interval | 0 | all-sites-cron.cron-check.poll-interval must be greater than 0 (got PT0S)",
        "all-sites-cron.sites.static[0] | ftp://files.example | ftp://files.example",
        "all-sites-cron.sites.source | mysql | mysql",
        "all-sites-cron.use-redis-queue | true | quarkus.redis.hosts",
        "all-sites-cron.batch-sise | 5 | all-sites-cron.batch-sise",
        "all-sites-cron.sites.wordpress-db.table-prefix | wp_; DROP | all-sites-cron.sites.wordpress-db.table-prefix",
        "all-sites-cron.require-auth | ture | all-sites-cron.require-auth",
        "all-sites-cron.require-auth | maybe | all-sites-cron.require-auth",
        "all-sites-cron.require-auth | fals | all-sites-cron.require-auth",
        "all-sites-cron.ssl-verify | ture | all-sites-cron.ssl-verify",
        "all-sites-cron.worker.enabled | treu | all-sites-cron.worker.enabled",
        "quarkus.datasource.reactive.url | jdbc:postgresql://db:5432/wp | mysql://<host>:3306/<database>"
      })
  void refusesToStart(String key, String value, String named) throws Exception {
    try (ServiceProcess service =
        ServiceProcess.named("bad-config")
            .with("all-sites-cron.sites.source", "wordpress-db")
            .with("quarkus.datasource.reactive.url", "mysql://127.0.0.1:1/none")
            .with(key, value)
            .launch()) {
      int exit = service.awaitExit(Duration.ofSeconds(60));

      assertThat(exit).isNotZero();
      assertOneBlock(service.output(), named, value);
    }
  }

  /** The same typos as environment variables, as the Helm chart and most operators set them. */
  @ParameterizedTest
  @CsvSource({
    "ALL_SITES_CRON_REQUIRE_AUTH, ture, all-sites-cron.require-auth",
    "ALL_SITES_CRON_SSL_VERIFY, 2, all-sites-cron.ssl-verify",
    "ALL_SITES_CRON_WORKER_ENABLED, enabled, all-sites-cron.worker.enabled"
  })
  void refusesATypoInAnEnvironmentVariable(String variable, String value, String key)
      throws Exception {
    try (ServiceProcess service = ServiceProcess.named("bad-env").env(variable, value).launch()) {
      assertThat(service.awaitExit(Duration.ofSeconds(60))).isNotZero();
      assertOneBlock(service.output(), key, value);
    }
  }

  @ParameterizedTest
  @CsvSource({"ALL_SITES_CRON_REQUIRE_AUTH, true"})
  void requireAuthWithoutATokenStopsStartUp(String variable, String value) throws Exception {
    try (ServiceProcess service =
        ServiceProcess.named("no-token")
            .with("all-sites-cron.auth-token", "")
            .env(variable, value)
            .launch()) {
      assertThat(service.awaitExit(Duration.ofSeconds(60))).isNotZero();
      assertOneBlock(service.output(), "all-sites-cron.require-auth=true", "true");
    }
  }

  /** A token with require-auth unset: auth is required, and no "no token" warning is logged. */
  @ParameterizedTest
  @ValueSource(strings = {"YES", "on", "1"})
  void aTokenMeansAuthAndEverySpellingOfTrueIsRead(String spelling) throws Exception {
    try (ServiceProcess service =
        ServiceProcess.named("token-only")
            .with("all-sites-cron.sites.static[0]", "https://example.org")
            .with("all-sites-cron.ssl-verify", spelling)
            .start()) {
      RestAssured.given()
          .port(service.port())
          .get("/all-sites-cron/v1/run?dry_run=1")
          .then()
          .statusCode(401);
      service.api().get("/all-sites-cron/v1/run?dry_run=1").then().statusCode(200);
      assertThat(service.output())
          .contains("all-sites-cron.require-auth = true")
          .contains("all-sites-cron.ssl-verify = true")
          .doesNotContain("No auth token is set")
          .doesNotContain("SRCFG01008");
    }
  }

  /** The JDBC URL WordPress operators have at hand is read as the reactive client's form. */
  @ParameterizedTest
  @ValueSource(strings = {"jdbc:mariadb", "jdbc:mysql"})
  void aJdbcUrlOfMariadbOrMysqlIsRead(String scheme) throws Exception {
    try (ServiceProcess service =
        ServiceProcess.named("jdbc")
            .with("all-sites-cron.sites.source", "wordpress-db")
            .with("quarkus.datasource.reactive.url", scheme + "://127.0.0.1:3306/asc_none")
            .start()) {
      assertThat(service.output())
          .contains("quarkus.datasource.reactive.url is a JDBC URL; read as mysql://127.0.0.1")
          .contains("quarkus.datasource.reactive.url = mysql://127.0.0.1:3306/asc_none");
    }
  }

  private static void assertOneBlock(String output, String named, String value) {
    assertThat(output).contains(named).contains(value).doesNotContain("Listening on");
    assertThat(output).doesNotContain("\tat ").doesNotContain("Caused by");
  }
}
