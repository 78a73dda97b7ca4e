package org.allsitescron.support;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;

/** Requests to the service under test, authenticated with the test token. */
public final class Api {

  public static final String TOKEN = "test-token";
  public static final String BASE = "/all-sites-cron/v1";

  private Api() {}

  public static RequestSpecification authed() {
    return given().header("Authorization", "Bearer " + TOKEN);
  }

  /** The running application's {@code /q/openapi}, as JSON. */
  public static String openApiDocument() {
    return given()
        .queryParam("format", "json")
        .get("/q/openapi")
        .then()
        .statusCode(200)
        .extract()
        .asString();
  }

  /**
   * The {@code /sites} entry of the site whose URL ends in {@code /path}, asked with {@code
   * request} (the first page of 100).
   */
  public static Map<String, Object> siteEntry(RequestSpecification request, String path) {
    List<Map<String, Object>> all =
        request
            .get(BASE + "/sites?limit=100")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("sites");
    return all.stream()
        .filter(e -> ((String) e.get("url")).endsWith("/" + path))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no entry for " + path + " in " + all));
  }
}
