package org.allsitescron.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The query string as PHP reads it, and the strict flags. */
class QueryTest {

  @ParameterizedTest
  @ValueSource(strings = {"", "1", "true", "TRUE", "yes", "Yes", "on"})
  void trueSpellings(String raw) {
    assertThat(Query.parse("defer=" + raw).flag("defer")).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "false", "False", "no", "OFF"})
  void falseSpellings(String raw) {
    assertThat(Query.parse("defer=" + raw).flag("defer")).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"2", "y", "maybe", "truee", "%20on%20", "%00", "1%00", "%20yes%20", "%ZZ"})
  void anythingElseNamesTheParameter(String raw) {
    assertThatThrownBy(() -> Query.parse("dry_run=" + raw).flag("dry_run"))
        .isInstanceOfSatisfying(
            ApiError.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.body().code()).isEqualTo(ErrorCode.REST_INVALID_PARAM);
              assertThat(e.getMessage()).contains("dry_run");
            });
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "42", "100", "007"})
  void wholeNumbersWithinTheBoundsAreRead(String raw) {
    assertThat(Query.parse("limit=" + raw).integer("limit", 20, 1, 100))
        .isEqualTo(Long.parseLong(raw));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0",
        "101",
        "-5",
        "+5",
        "%205",
        "5%20",
        "5%00",
        "1e2",
        "5.0",
        "0x10",
        "%D9%A5",
        "99999999999999999999",
        "",
        "limit[]"
      })
  void anythingElseIsA400NamingTheParameter(String raw) {
    String query = raw.equals("limit[]") ? "limit[]=5" : "limit=" + raw;
    assertThatThrownBy(() -> Query.parse(query).integer("limit", 20, 1, 100))
        .isInstanceOfSatisfying(
            ApiError.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.getMessage()).contains("limit", "whole number from 1 to 100");
            });
  }

  @Test
  void anAbsentNumberIsTheFallback() {
    assertThat(Query.parse("ga=1").integer("limit", 20, 1, 100)).isEqualTo(20);
  }

  @Test
  void theBareFlagIsTrueAndAnAbsentOneFalse() {
    assertThat(Query.parse("ga").flag("ga")).isTrue();
    assertThat(Query.parse("ga=").flag("ga")).isTrue();
    assertThat(Query.parse("defer=1").flag("ga")).isFalse();
    assertThat(Query.parse(null).flag("ga")).isFalse();
  }

  @Test
  void theLastOfRepeatedParametersWinsAsInPhp() {
    Query query = Query.parse("dry_run=0&dry_run=1&defer=1&defer=0&token=a&token=b");

    assertThat(query.flag("dry_run")).isTrue();
    assertThat(query.flag("defer")).isFalse();
    assertThat(query.get("token")).contains("b");
  }

  @Test
  void namesAndValuesAreDecodedAsPhpDecodesThem() {
    assertThat(Query.parse("dry.run=1").flag("dry_run")).isTrue();
    assertThat(Query.parse("dry+run=1").flag("dry_run")).isTrue();
    assertThat(Query.parse("token=a%2Bb+c").get("token")).contains("a+b c");
    assertThat(Query.parse("token=%ZZ%4").get("token")).contains("%ZZ%4");
    assertThat(Query.parse("token=%C3%A9%F0%9F%98%80").get("token")).contains("é😀");
  }

  @Test
  void anArrayIsNoFlag() {
    assertThatThrownBy(() -> Query.parse("ga[]=1").flag("ga"))
        .isInstanceOfSatisfying(
            ApiError.class, e -> assertThat(e.getMessage()).contains("ga", "an array"));
    assertThat(Query.parse("token[]=x").get("token")).isEmpty();
    assertThat(Query.parse("ga[]=1&ga=1").flag("ga")).isTrue();
  }

  @Test
  void anUnreadableFlagCountsAsFalseForRenderingErrors() {
    assertThat(Query.parse("ga=maybe").lenientFlag("ga")).isFalse();
    assertThat(Query.parse("ga=1").lenientFlag("ga")).isTrue();
  }
}
