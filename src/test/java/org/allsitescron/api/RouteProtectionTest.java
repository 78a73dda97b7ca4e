package org.allsitescron.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.allsitescron.support.Api;
import org.junit.jupiter.api.Test;

/**
 * Every route of the application wants the token, but those that are public on purpose: health
 * probes (a kubelet sends no token), metrics (Prometheus scrapes without one) and the OpenAPI
 * document (it describes, it does not act). A resource added without {@link Protected} fails here.
 */
@QuarkusTest
class RouteProtectionTest {

  /** The public routes, by path prefix, and why (docs/api.md says the same). */
  static final Map<String, String> PUBLIC =
      Map.of(
          "/q/health", "probes: the kubelet sends no token",
          "/q/metrics", "Prometheus scrapes without a token",
          "/q/openapi", "the document describes the API; it runs nothing");

  @Inject Routes routes;
  @Inject Router router;

  @Test
  void everyResourceRouteIsProtectedAndRefusesARequestWithoutToken() {
    assertThat(routes.all()).hasSizeGreaterThanOrEqualTo(7);
    for (Routes.Route route : routes.all()) {
      assertThat(route.isProtected())
          .as("%s %s is @Protected", route.method(), route.path())
          .isTrue();
      String path = route.path().replaceAll("\\{[^}]+}", "some-id");
      given().request(route.method(), path).then().statusCode(401);
      given().request(route.method(), "/wp-json" + path).then().statusCode(401);
    }
  }

  /** Each operation is described, with its id, summary, tag and the shared answers. */
  @Test
  void everyResourceRouteIsDocumentedWithItsIdSummaryTagAndSharedAnswers() {
    JsonPath openapi = JsonPath.from(Api.openApiDocument());
    for (Routes.Route route : routes.all()) {
      if (route.method().equals("HEAD") && routes.allowed(route.path()).contains("GET")) {
        continue; // HEAD /run is described in GET's description (a dry run without body)
      }
      String operation = "paths.'" + route.path() + "'." + route.method().toLowerCase();
      String what = route.method() + " " + route.path();
      assertThat(openapi.getString(operation + ".operationId")).as(what).isNotBlank();
      assertThat(openapi.getString(operation + ".summary")).as(what).isNotBlank();
      assertThat(openapi.getString(operation + ".description")).as(what).isNotBlank();
      assertThat(openapi.getList(operation + ".tags", String.class)).as(what).hasSize(1);
      Map<String, Map<String, Object>> answers = openapi.getMap(operation + ".responses");
      assertThat(answers).as(what).containsKeys("200", "401", "403");
      answers.forEach(
          (status, answer) ->
              assertThat(answer)
                  .as("%s %s: a bare reference to a shared answer", what, status)
                  .containsOnlyKeys("$ref")
                  .extractingByKey("$ref")
                  .asString()
                  .startsWith("#/components/responses/"));
    }
  }

  @Test
  void everyOtherRouteIsPublicOnPurpose() {
    List<String> paths =
        router.getRoutes().stream().map(Route::getPath).filter(Objects::nonNull).toList();
    assertThat(paths).isNotEmpty();
    for (String path : paths) {
      // "/" and "/q/" themselves only answer the JSON 404 of every unknown route.
      assertThat(PUBLIC.keySet())
          .as("why %s is public", path)
          .anyMatch(prefix -> path.startsWith(prefix) || path.equals("/q/") || path.equals("/"));
    }
    PUBLIC.keySet().forEach(path -> given().get(path).then().statusCode(200));
  }
}
