package org.allsitescron.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.allsitescron.support.ServiceProcess;

/**
 * What a failing service answers, checked the way a caller and an operator see it: the status and
 * the JSON error shape of every route under a browser's and a client's {@code Accept}, readiness
 * and its details (no secrets), and how many lines the log grows by while the failure lasts.
 */
final class Failures {

  /** A browser's {@code Accept} and a client's. */
  static final List<String> ACCEPTS = List.of("text/html", "*/*");

  private Failures() {}

  /** {@code GET /runs/{runId}} answers 200 with a run in state {@code aborted}; more to check. */
  static ValidatableResponse abortedRun(ServiceProcess service, String runId) {
    return service
        .api()
        .get("/all-sites-cron/v1/runs/" + runId)
        .then()
        .statusCode(200)
        .body("state", org.hamcrest.Matchers.equalTo("aborted"));
  }

  /** {@code GET path} with the token and {@code accept}. */
  static Response get(ServiceProcess service, String path, String accept) {
    return service.api().header("Accept", accept).get(path);
  }

  /**
   * An error in SPEC's shape: JSON (never HTML, whatever was asked for), {@code success:false}, the
   * code, {@code data.status}, and {@code Retry-After} on a 503. Under {@code text/html} the API
   * may refuse to negotiate (406, JSON too); under {@code *}{@code /*} it is exactly {@code
   * status}.
   */
  static JsonPath assertError(Response response, String accept, int status, String code) {
    String body = response.asString();
    assertThat(body).as(body).doesNotContainIgnoringCase("<html").doesNotContain("\tat ");
    assertThat(response.contentType()).as(body).startsWith("application/json");
    JsonPath json = JsonPath.from(body);
    assertThat(json.getBoolean("success")).as(body).isFalse();
    if (accept.equals("text/html") && response.statusCode() == 406) {
      return json;
    }
    assertThat(response.statusCode()).as(body).isEqualTo(status);
    assertThat(json.getString("code")).as(body).isEqualTo(code);
    assertThat(json.getInt("data.status")).as(body).isEqualTo(status);
    if (status == 503) {
      assertThat(response.header("Retry-After")).as(body).isNotBlank();
    }
    return json;
  }

  /** A JSON success (the route still works): status and content type, never HTML. */
  static JsonPath assertJson(Response response, String accept, int status) {
    String body = response.asString();
    assertThat(body).as(body).doesNotContainIgnoringCase("<html");
    assertThat(response.contentType()).as(body).startsWith("application/json");
    if (!(accept.equals("text/html") && response.statusCode() == 406)) {
      assertThat(response.statusCode()).as(body).isEqualTo(status);
    }
    return JsonPath.from(body);
  }

  /**
   * Readiness as anyone may read it (no token): the named check's status and data; the body names
   * no host, port, user or password from {@code secrets}.
   */
  @SuppressWarnings("unchecked")
  static Map<String, Object> readiness(
      ServiceProcess service, String check, int status, String... secrets) {
    Response ready = RestAssured.given().port(service.port()).get("/q/health/ready");
    String body = ready.asString();
    assertThat(ready.statusCode()).as(body).isEqualTo(status);
    for (String secret : secrets) {
      assertThat(body).as("readiness shows %s", secret).doesNotContain(secret);
    }
    List<Map<String, Object>> checks = JsonPath.from(body).getList("checks");
    Map<String, Object> found =
        checks.stream()
            .filter(c -> check.equals(c.get("name")))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no " + check + " in " + body));
    return (Map<String, Object>) found.get("data");
  }

  /**
   * The lines the service logs in 10 s while nothing calls it (the worker, heartbeat, orphan
   * recovery and gauges tick meanwhile); asserts there is no stack trace among them.
   */
  static List<String> linesIn10s(ServiceProcess service) throws Exception {
    Path log = service.log();
    int before = Files.readAllLines(log).size();
    Thread.sleep(10_000);
    List<String> all = Files.readAllLines(log);
    List<String> added = all.subList(before, all.size());
    assertThat(added).as(String.join("\n", added)).noneMatch(l -> l.startsWith("\tat "));
    assertThat(added).as(String.join("\n", added)).noneMatch(l -> l.startsWith("Caused by"));
    System.out.printf("[%s] %d log lines in 10 s:%n%s%n", service.name(), added.size(), added);
    return added;
  }
}
