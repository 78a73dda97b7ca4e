package org.allsitescron.api;

import static io.restassured.RestAssured.given;
import static org.allsitescron.support.Api.BASE;
import static org.allsitescron.support.Api.authed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import java.util.Arrays;
import org.allsitescron.support.SiteServer;
import org.allsitescron.support.TestNetwork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
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
