package org.allsitescron.api;

import static io.restassured.RestAssured.given;
import static org.allsitescron.support.Api.BASE;
import static org.allsitescron.support.Api.authed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.allsitescron.support.SiteServer;
import org.allsitescron.support.TestNetwork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What a client gets from the HTTP layer itself, and the query string read as PHP reads it. */
@QuarkusTest
class HttpLayerTest {

  SiteServer sites = TestNetwork.sites();

  @BeforeEach
  void resetSites() {
    sites.reset();
  }

  @Test
  void theLastOfRepeatedParametersWins() {
    authed()
        .urlEncodingEnabled(false)
        .get(BASE + "/run?dry_run=0&dry_run=1&defer=1&defer=0")
        .then()
        .statusCode(200)
        .body("dry_run", equalTo(true));
    assertThat(sites.allHits()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"%00", "1%00", "%20yes%20"})
  void aFlagIsNeverTrimmedNorHalfDecoded(String raw) {
    authed()
        .urlEncodingEnabled(false)
        .get(BASE + "/run?dry_run=" + raw)
        .then()
        .statusCode(400)
        .contentType("application/json")
        .body("code", equalTo("rest_invalid_param"))
        .body("message", containsString("dry_run"));
    assertThat(sites.allHits()).isEmpty();
  }

  /**
   * Quarkus answers these before any handler of the application runs, with an empty body:
   * docs/api.md says why and where. Should that change, this test shows it (and the answers can
   * then be given in the error shape).
   */
  @ParameterizedTest
  @CsvSource({"escape, 400", "path-escape, 400", "line, 414", "headers, 431", "garbage, 400"})
  void whatQuarkusRefusesAloneHasAnEmptyBody(String refused, int status) throws IOException {
    String request =
        switch (refused) {
          case "escape" ->
              "GET " + BASE + "/run?dry_run=%ZZ HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n";
          case "path-escape" ->
              "GET " + BASE + "/r%ZZun HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n";
          case "line" -> "GET " + BASE + "/run?x=" + "a".repeat(5000) + " HTTP/1.1\r\n\r\n";
          case "headers" -> "GET " + BASE + "/run HTTP/1.1\r\nX: " + "a".repeat(21000) + "\r\n\r\n";
          default -> "HELLO\r\n\r\n";
        };

    assertThat(raw(request))
        .matches("(?s)HTTP/1\\.[01] " + status + " .*")
        .containsIgnoringCase("content-length: 0")
        .doesNotContainIgnoringCase("content-type");
    assertThat(sites.allHits()).isEmpty();
  }

  /** What the service answers to a request sent as given, byte for byte (until it closes). */
  private static String raw(String request) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), RestAssured.port)) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  @Test
  void notAcceptableIsAJsonErrorWithItsOwnCode() {
    authed()
        .accept("text/html")
        .get(BASE + "/run")
        .then()
        .statusCode(406)
        .contentType("application/json")
        .body("code", equalTo("rest_not_acceptable"))
        .body("data.status", equalTo(406));
    assertThat(sites.allHits()).isEmpty();
  }

  @Test
  void optionsAndEvery405ListTheMethodsOfTheRoute() {
    String options =
        given().options(BASE + "/run").then().statusCode(200).extract().header("Allow");
    String refused =
        authed().delete(BASE + "/run").then().statusCode(405).extract().header("Allow");
    String queue =
        authed().get(BASE + "/process-queue").then().statusCode(405).extract().header("Allow");

    assertThat(Arrays.asList(options.split(",\\s*")))
        .containsExactlyInAnyOrder("GET", "POST", "HEAD", "OPTIONS");
    assertThat(Arrays.asList(refused.split(",\\s*")))
        .containsExactlyInAnyOrder("GET", "POST", "HEAD", "OPTIONS");
    assertThat(Arrays.asList(queue.split(",\\s*"))).containsExactlyInAnyOrder("POST", "OPTIONS");
  }

  @Test
  void headIsADryRunThatRequestsNothing() {
    authed().head(BASE + "/run").then().statusCode(200);
    authed()
        .head("/dss-cron/v1/run")
        .then()
        .statusCode(200)
        .header("Deprecation", containsString("@"));
    given().head(BASE + "/run").then().statusCode(401);

    assertThat(sites.allHits()).isEmpty();
  }

  @Test
  void theLegacyNamespaceServesRunOnly() {
    authed()
        .get("/dss-cron/v1/status")
        .then()
        .statusCode(404)
        .body("code", equalTo("rest_no_route"));
    authed().get("/wp-json/all-sites-cron/v1/status").then().statusCode(200);
  }
}
