package org.allsitescron.it;

import static org.allsitescron.it.Failures.ACCEPTS;
import static org.allsitescron.it.Failures.abortedRun;
import static org.allsitescron.it.Failures.assertError;
import static org.allsitescron.it.Failures.assertJson;
import static org.allsitescron.it.Failures.get;
import static org.allsitescron.it.Failures.linesIn10s;
import static org.allsitescron.it.Failures.readiness;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.allsitescron.support.ServiceProcess;
import org.allsitescron.support.SiteServer;
import org.allsitescron.support.TcpProxy;
import org.allsitescron.support.WordpressDatabase;
import org.allsitescron.support.WordpressDatabase.Blog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The network's database refusing the service (a wrong password, no grant on the options tables, a
 * grant on blog 1's options table alone) or lost mid-run, against the built service reading it
 * through a TCP proxy: {@code dry_run} and {@code /run} answer {@code 503
 * all_sites_cron_site_source_unavailable} with the reason, a refused {@code /run} does not use up
 * the cooldown, readiness is DOWN saying why without naming the user or the host, and a run cut
 * short is stored {@code aborted} with the reason.
 */
class SiteDatabaseRefusalIT {

  private static final String DATABASE = "asc_fw_" + ProcessHandle.current().pid();
  private static final String USER = "asc_fw_" + ProcessHandle.current().pid();
  private static final String PASSWORD = "right-db-pass";
  private static final String WRONG = "wrong-db-pass";
  private static final List<String> HOSTS = List.of("%", "localhost", "127.0.0.1");
  private static final String RUN = "/all-sites-cron/v1/run";
  private static final String DRY = "/all-sites-cron/v1/run?dry_run=1";
  private static final String STATUS = "/all-sites-cron/v1/status";
  private static final String CODE = "all_sites_cron_site_source_unavailable";
  private static final Duration WAIT = Duration.ofSeconds(30);

  static WordpressDatabase database;
  static SiteServer sites;
  static TcpProxy proxy;

  @BeforeAll
  static void network() {
    sites = SiteServer.start(0);
    database = new WordpressDatabase(DATABASE).create();
    for (long id = 1; id <= 3; id++) {
      database.addBlog(Blog.eligible(id, "127.0.0.1", "/s" + id + "/"));
      database.setSiteUrl(id, sites.url("127.0.0.1", "s" + id));
    }
    for (String host : HOSTS) {
      database.execute("DROP USER IF EXISTS '" + USER + "'@'" + host + "'");
      database.execute(
          "CREATE USER '" + USER + "'@'" + host + "' IDENTIFIED BY '" + PASSWORD + "'");
    }
    grantAll();
    proxy = TcpProxy.start(WordpressDatabase.HOST, WordpressDatabase.PORT);
  }

  @AfterAll
  static void drop() throws Exception {
    for (String host : HOSTS) {
      database.execute("DROP USER IF EXISTS '" + USER + "'@'" + host + "'");
    }
    database.drop();
    database.close();
    proxy.shutdown();
    sites.close();
  }

  @Test
  void refusedOrLostTheDatabaseGetsA503WithItsReasonAndNoSecrets() throws Exception {
    try (ServiceProcess service =
        ServiceProcess.named("site-db")
            .with("all-sites-cron.sites.source", "wordpress-db")
            .with(
                "quarkus.datasource.reactive.url",
                "mysql://127.0.0.1:" + proxy.port() + "/" + DATABASE)
            .with("quarkus.datasource.username", USER)
            .with("quarkus.datasource.password", PASSWORD)
            .with("all-sites-cron.rate-limit-seconds", "60")
            .with("all-sites-cron.batch-size", "1")
            .with("all-sites-cron.concurrency", "1")
            .with("all-sites-cron.request-timeout", "10s")
            .start()) {
      awaitReady(service);
      assertThat(service.api().get(DRY).then().statusCode(200).extract().jsonPath().getInt("count"))
          .isEqualTo(3);

      // A wrong password (the pooled connections dropped, as after a restart of the database).
      alterPassword(WRONG);
      dropConnections();
      refusedWith(service, "access_denied");
      alterPassword(PASSWORD);
      awaitReady(service);

      // SELECT on wp_blogs only: the options tables cannot be read.
      database.execute("REVOKE ALL PRIVILEGES ON `" + DATABASE + "`.* FROM " + users());
      database.execute("GRANT SELECT ON `" + DATABASE + "`.`wp_blogs` TO " + users());
      dropConnections();
      refusedWith(service, "no_grant");
      database.execute("REVOKE ALL PRIVILEGES ON `" + DATABASE + "`.`wp_blogs` FROM " + users());
      grantAll();
      dropConnections();
      awaitReady(service);

      // SELECT granted by name on wp_blogs and wp_options (blog 1's) only: the other blogs'
      // options tables cannot be read, which readiness says instead of a run of `unknown` sites.
      database.execute("REVOKE ALL PRIVILEGES ON `" + DATABASE + "`.* FROM " + users());
      for (String table : List.of("wp_blogs", "wp_options")) {
        database.execute("GRANT SELECT ON `" + DATABASE + "`.`" + table + "` TO " + users());
      }
      dropConnections();
      refusedWith(service, "no_grant");
      for (String table : List.of("wp_blogs", "wp_options")) {
        database.execute(
            "REVOKE ALL PRIVILEGES ON `" + DATABASE + "`.`" + table + "` FROM " + users());
      }
      grantAll();
      dropConnections();
      awaitReady(service);

      // Every table granted by name but blog 3's options: ready, and a run reads the others; blog
      // 3 is taken from wp_blogs alone (its siteurl unread, its cron state unknown).
      List<String> granted = List.of("wp_blogs", "wp_options", "wp_2_options");
      database.execute("REVOKE ALL PRIVILEGES ON `" + DATABASE + "`.* FROM " + users());
      for (String table : granted) {
        database.execute("GRANT SELECT ON `" + DATABASE + "`.`" + table + "` TO " + users());
      }
      dropConnections();
      awaitReady(service);
      assertThat(
              service
                  .api()
                  .get(DRY)
                  .then()
                  .statusCode(200)
                  .extract()
                  .jsonPath()
                  .getList("sites", String.class))
          .containsExactly(
              sites.url("127.0.0.1", "s1"), sites.url("127.0.0.1", "s2"), "https://127.0.0.1/s3");
      for (String table : granted) {
        database.execute(
            "REVOKE ALL PRIVILEGES ON `" + DATABASE + "`.`" + table + "` FROM " + users());
      }
      grantAll();
      dropConnections();
      awaitReady(service);
      assertThat(sites.allHits()).isEmpty();

      // Lost mid-run: the proxy cut while the first site is being requested.
      sites.delay(2_000);
      CompletableFuture<Response> call =
          CompletableFuture.supplyAsync(() -> service.api().get(RUN));
      await().atMost(WAIT).until(() -> sites.hits("s1") == 1);
      proxy.close();
      JsonPath cut = assertError(call.get(60, TimeUnit.SECONDS), "*/*", 503, CODE);
      assertThat(cut.getString("reason")).isEqualTo("unreachable");
      String runId = cut.getString("run_id");
      assertThat(runId).isNotBlank();
      assertThat(cut.getLong("report.count")).isOne();
      assertThat(cut.getString("report.state")).isEqualTo("aborted");
      assertThat(
              readiness(service, "site source", 503, USER, String.valueOf(proxy.port()), PASSWORD))
          .containsEntry("reason", "unreachable");
      assertThat(linesIn10s(service)).hasSizeLessThanOrEqualTo(2);
      proxy.open();
      awaitReady(service);
      abortedRun(service, runId)
          .body(
              "abort_reason", org.hamcrest.Matchers.startsWith("site source failed (unreachable)"));
      assertThat(sites.hits("s2")).isZero();
      assertThat(service.output()).doesNotContain(PASSWORD).doesNotContain(WRONG);
    }
  }

  /** Every route while the database refuses for {@code reason}; nothing requested, no cooldown. */
  private static void refusedWith(ServiceProcess service, String reason) throws Exception {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(
                        readiness(
                            service,
                            "site source",
                            503,
                            USER,
                            "127.0.0.1",
                            String.valueOf(proxy.port()),
                            PASSWORD,
                            WRONG))
                    .containsEntry("reason", reason));
    for (String accept : ACCEPTS) {
      assertReason(assertError(get(service, DRY, accept), accept, 503, CODE), reason);
      assertReason(assertError(get(service, RUN, accept), accept, 503, CODE), reason);
      // Nothing was requested, so the cooldown did not start: /status says 0 and /run is no 429.
      Response status = get(service, STATUS, accept);
      JsonPath state = assertJson(status, accept, 200);
      if (status.statusCode() == 200) {
        assertThat(state.getInt("cooldown.remaining_s")).isZero();
      }
      String body = get(service, RUN, accept).asString();
      assertThat(body).doesNotContain(USER).doesNotContain("rate_limited");
    }
    assertThat(linesIn10s(service)).hasSizeLessThanOrEqualTo(2);
  }

  private static void assertReason(JsonPath error, String reason) {
    if (CODE.equals(error.getString("code"))) {
      assertThat(error.getString("reason")).isEqualTo(reason);
      assertThat(error.getString("message")).doesNotContain(USER).doesNotContain("127.0.0.1");
    }
  }

  private static void awaitReady(ServiceProcess service) {
    await().atMost(WAIT).untilAsserted(() -> readiness(service, "site source", 200));
  }

  private static void alterPassword(String password) {
    for (String host : HOSTS) {
      database.execute("ALTER USER '" + USER + "'@'" + host + "' IDENTIFIED BY '" + password + "'");
    }
  }

  private static void grantAll() {
    database.execute("GRANT SELECT ON `" + DATABASE + "`.* TO " + users());
  }

  private static String users() {
    return String.join(", ", HOSTS.stream().map(h -> "'" + USER + "'@'" + h + "'").toList());
  }

  /** Cuts every pooled connection (the proxy closes and listens again). */
  private static void dropConnections() {
    proxy.close();
    proxy.open();
  }
}
