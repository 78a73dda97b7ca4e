package org.allsitescron.support;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;

/** Requests to the service under test, authenticated with the test token. */
public final class Api {

  public static final String TOKEN = "test-token";
  public static final String BASE = "/all-sites-cron/v1";

  private Api() {}

  public static RequestSpecification authed() {
    return given().header("Authorization", "Bearer " + TOKEN);
  }
}
