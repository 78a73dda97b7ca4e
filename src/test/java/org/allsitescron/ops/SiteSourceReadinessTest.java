package org.allsitescron.ops;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.allsitescron.support.TcpProxy;
import org.allsitescron.support.TestNetwork;
import org.allsitescron.support.WordpressDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Readiness of the {@code wordpress-db} site source, reached through a proxy the test cuts off:
 * DOWN (naming source and error) while the database is unreachable, UP again once it is back;
 * liveness and start-up stay UP throughout. The real MariaDB is never touched.
 */
@QuarkusTest
@TestProfile(SiteSourceReadinessTest.ThroughProxy.class)
class SiteSourceReadinessTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @AfterEach
  void databaseBack() {
    DatabaseProxy.proxy.open();
  }

  @Test
  void readyWhileTheDatabaseAnswers() {
    Response ready = given().get("/q/health/ready");

    assertThat(ready.statusCode()).isEqualTo(200);
    Map<String, Object> check = siteSourceCheck(ready);
    assertThat(check).containsEntry("status", "UP");
    assertThat(check.get("data")).isEqualTo(Map.of("source", "wordpress-db (wp_blogs)"));
  }

  @Test
  void downWhileTheDatabaseIsUnreachableAndUpOnceItIsBack() {
    DatabaseProxy.proxy.close();

    Response down =
        await()
            .atMost(WAIT)
            .until(() -> given().get("/q/health/ready"), response -> response.statusCode() == 503);
    Map<String, Object> check = siteSourceCheck(down);
    assertThat(check).containsEntry("status", "DOWN");
    @SuppressWarnings("unchecked")
    Map<String, Object> data = (Map<String, Object>) check.get("data");
    assertThat(data).containsEntry("source", "wordpress-db (wp_blogs)");
    assertThat(data).containsEntry("reason", "unreachable");
    // Unauthenticated callers read this: no host, port or user name, only what to do.
    assertThat((String) data.get("error"))
        .contains("cannot be reached")
        .doesNotContain("127.0.0.1")
        .doesNotContain(String.valueOf(DatabaseProxy.proxy.port()))
        .doesNotContain(WordpressDatabase.USER);
    given().get("/q/health/live").then().statusCode(200);
    given().get("/q/health/started").then().statusCode(200);

    DatabaseProxy.proxy.open();

    Response up =
        await()
            .atMost(WAIT)
            .until(() -> given().get("/q/health/ready"), response -> response.statusCode() == 200);
    assertThat(siteSourceCheck(up)).containsEntry("status", "UP");
  }

  @Test
  void livenessAndStartUpAreUp() {
    given().get("/q/health/live").then().statusCode(200);
    Response started = given().get("/q/health/started");

    assertThat(started.statusCode()).isEqualTo(200);
    List<Map<String, Object>> checks = started.jsonPath().getList("checks");
    assertThat(checks).extracting(c -> c.get("name")).contains(StartupCompleted.NAME);
  }

  private static Map<String, Object> siteSourceCheck(Response health) {
    List<Map<String, Object>> checks = JsonPath.from(health.asString()).getList("checks");
    return checks.stream()
        .filter(check -> SiteSourceReadiness.NAME.equals(check.get("name")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no site source check in " + health.asString()));
  }

  /** The {@code wordpress-db} source, its database reached through {@link DatabaseProxy}. */
  public static class ThroughProxy implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("all-sites-cron.sites.source", "wordpress-db");
    }

    @Override
    public List<TestResourceEntry> testResources() {
      return List.of(new TestResourceEntry(DatabaseProxy.class));
    }
  }

  /** Starts the proxy before the application, which reads the test database through it. */
  public static class DatabaseProxy implements QuarkusTestResourceLifecycleManager {
    static TcpProxy proxy;

    @Override
    public Map<String, String> start() {
      proxy = TcpProxy.start(WordpressDatabase.HOST, WordpressDatabase.PORT);
      return Map.of(
          "quarkus.datasource.reactive.url",
          "mysql://127.0.0.1:" + proxy.port() + "/" + TestNetwork.DATABASE,
          "quarkus.datasource.username",
          WordpressDatabase.USER,
          "quarkus.datasource.password",
          WordpressDatabase.PASSWORD);
    }

    @Override
    public void stop() {
      proxy.shutdown();
    }

    /** After the global test resources, so this URL is the one in force. */
    @Override
    public int order() {
      return 100;
    }
  }
}
