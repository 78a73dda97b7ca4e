package org.allsitescron.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.allsitescron.run.SiteHealth;
import org.allsitescron.run.SiteState;
import org.allsitescron.support.Api;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /q/openapi} describes every route under its canonical path, with its parameters, the token
 * schemes and the error answers. Writes {@code target/openapi.json}, which {@code
 * ci/lint-openapi.sh} lints.
 */
@QuarkusTest
class OpenApiTest {

  /** The token parameter, which ApiDocument gives every operation. */
  private static final String TOKEN = "#/components/parameters/token";

  private static String document;
  private static JsonPath openapi;

  /** Once per class; a static @BeforeAll would run before the application listens. */
  @BeforeEach
  void fetch() throws Exception {
    if (document != null) {
      return;
    }
    document = Api.openApiDocument();
    Files.writeString(Path.of("target", "openapi.json"), document);
    openapi = JsonPath.from(document);
  }

  @Test
  void everyRouteIsListedUnderItsCanonicalPath() {
    Map<String, Map<String, Object>> paths = openapi.getMap("paths");

    assertThat(paths)
        .containsOnlyKeys(
            "/all-sites-cron/v1/run",
            "/all-sites-cron/v1/process-queue",
            "/all-sites-cron/v1/status",
            "/all-sites-cron/v1/runs",
            "/all-sites-cron/v1/runs/{id}",
            "/all-sites-cron/v1/sites");
    assertThat(paths.get("/all-sites-cron/v1/run")).containsKeys("get", "post");
    assertThat(paths.get("/all-sites-cron/v1/process-queue")).containsKey("post");
    assertThat(document).doesNotContain("{namespace");
    assertThat(openapi.getString("info.description"))
        .contains("/wp-json/all-sites-cron/v1", "/dss-cron/v1/run", "Deprecation");
  }

  @Test
  void infoNamesItsLicenseAndContact() {
    assertThat(openapi.getString("info.license.name")).isEqualTo("GPL-2.0-or-later");
    assertThat(openapi.getString("info.license.url")).startsWith("https://");
    assertThat(openapi.getString("info.contact.name")).isNotBlank();
  }

  @Test
  void runDocumentsItsFlagsTokenAndEveryAnswer() {
    for (String method : List.of("get", "post")) {
      String operation = "paths.'/all-sites-cron/v1/run'." + method;
      assertThat(openapi.getList(operation + ".parameters.$ref", String.class))
          .filteredOn(Objects::nonNull)
          .containsExactlyInAnyOrder(
              "#/components/parameters/ga",
              "#/components/parameters/defer",
              "#/components/parameters/dry_run",
              "#/components/parameters/site",
              TOKEN);
      assertThat(openapi.getMap(operation + ".responses"))
          .containsKeys("200", "202", "400", "401", "403", "404", "409", "429", "500", "503");
    }
    assertThat(openapi.getMap("components.parameters")).containsKeys("ga", "defer", "dry_run");
    assertThat(openapi.getString("components.parameters.ga.in")).isEqualTo("query");
    assertThat(
            openapi.getString("components.responses.RateLimited.headers.Retry-After.schema.type"))
        .isEqualTo("integer");
    assertThat(openapi.getMap("components.responses.RunAnswer.content.'application/json'.examples"))
        .containsKeys("finished", "partial_failure", "no_sites", "dry_run");
    assertThat(openapi.getMap("components.responses.RunAnswer.content"))
        .containsKeys("application/json", "text/plain");
  }

  @Test
  void sitesDocumentsItsTypedAnswerAndFilters() {
    String operation = "paths.'/all-sites-cron/v1/sites'.get";
    assertThat(openapi.getString(operation + ".responses.'200'.$ref"))
        .isEqualTo("#/components/responses/SitesAnswer");
    assertThat(
            openapi.getString(
                "components.responses.SitesAnswer.content.'application/json'.schema.$ref"))
        .isEqualTo("#/components/schemas/SitePage");
    assertThat(openapi.getList(operation + ".parameters.name", String.class))
        .contains("state", "cursor", "limit");
    assertThat(openapi.getList(operation + ".parameters.$ref", String.class)).contains(TOKEN);
    assertThat(openapi.getMap("components.schemas.SiteEntry.properties"))
        .containsKeys(
            "blog_id",
            "url",
            "state",
            "http_outcome",
            "cron_outcome",
            "last_ran",
            "overdue_s",
            "consecutive_failures",
            "backoff_until");
    assertThat(openapi.getMap("components.schemas.SiteSummary.properties"))
        .containsKeys("ok", "failing", "behind", "backoff", "oldest_overdue_s");
    assertThat(openapi.getMap(operation + ".responses")).containsKeys("200", "400", "401", "403");
  }

  @Test
  void listingRunsDocumentsLimit() {
    Map<String, Object> limit =
        openapi
            .<Map<String, Object>>getList("paths.'/all-sites-cron/v1/runs'.get.parameters")
            .stream()
            .filter(p -> "limit".equals(p.get("name")))
            .findFirst()
            .orElseThrow();

    assertThat(limit).containsEntry("in", "query");
    assertThat(limit.get("schema").toString()).contains("integer", "100");
  }

  /** The parameters are documented in META-INF/openapi.yaml; their bounds are the code's. */
  @Test
  void documentedBoundsAndStatesAreTheOnesTheResourcesApply() {
    assertThat(schema("/all-sites-cron/v1/runs", "limit"))
        .containsEntry("minimum", 1)
        .containsEntry("maximum", StatusResource.MAX_LISTED_RUNS)
        .containsEntry("default", StatusResource.DEFAULT_LISTED_RUNS);
    assertThat(schema("/all-sites-cron/v1/sites", "limit"))
        .containsEntry("minimum", 1)
        .containsEntry("maximum", SiteHealth.MAX_LIMIT)
        .containsEntry("default", StatusResource.DEFAULT_LISTED_SITES);
    List<String> states = new ArrayList<>();
    Arrays.stream(SiteState.values()).forEach(state -> states.add(state.label()));
    states.add("all");
    assertThat(schema("/all-sites-cron/v1/sites", "state").get("enum"))
        .asInstanceOf(InstanceOfAssertFactories.LIST)
        .containsExactlyInAnyOrderElementsOf(states);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> schema(String path, String parameter) {
    return openapi.<Map<String, Object>>getList("paths.'" + path + "'.get.parameters").stream()
        .filter(p -> parameter.equals(p.get("name")))
        .map(p -> (Map<String, Object>) p.get("schema"))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void everyOperationTakesTheTokenOnceWithItsSchemaAndEveryTagIsDescribed() {
    Map<String, Map<String, Map<String, Object>>> paths = openapi.getMap("paths");
    paths.forEach(
        (path, operations) ->
            operations.forEach(
                (method, operation) -> {
                  @SuppressWarnings("unchecked")
                  List<Map<String, Object>> parameters =
                      (List<Map<String, Object>>) operation.getOrDefault("parameters", List.of());
                  assertThat(parameters)
                      .as(method + " " + path)
                      .allMatch(p -> p.containsKey("$ref") || p.containsKey("schema"));
                  assertThat(parameters)
                      .as(method + " " + path)
                      .filteredOn(p -> "token".equals(p.get("name")) || TOKEN.equals(p.get("$ref")))
                      .hasSize(1);
                }));
    assertThat(openapi.getList("tags.description", String.class)).doesNotContainNull();
  }

  @Test
  void theTokenGoesInABearerHeaderOrTheQuery() {
    assertThat(openapi.getString("components.securitySchemes.bearer.type")).isEqualTo("http");
    assertThat(openapi.getString("components.securitySchemes.bearer.scheme")).isEqualTo("bearer");
    assertThat(openapi.getString("components.securitySchemes.token.in")).isEqualTo("query");
    assertThat(openapi.getList("security")).hasSize(2);
  }

  @Test
  void errorsHaveTheWordpressShape() {
    assertThat(openapi.getMap("components.schemas.ErrorBody.properties"))
        .containsKeys("success", "code", "message", "data");
    assertThat(openapi.getMap("components.schemas.RunFinished.properties"))
        .containsKeys("run_id", "duration_ms", "failed_sites", "error_code");
    assertThat(openapi.getMap("components.schemas.RunReport.properties"))
        .containsKeys("run_id", "trigger", "state", "started_at", "finished_at", "failed_sites");
  }
}
