package org.allsitescron.sites;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * {@link PhpSerialized} against values made by PHP's own {@code serialize()} (fixtures.json, from
 * generate.php with the rig's PHP), hostile variants of them, and hand-written edge cases.
 */
class PhpSerializedTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TestFactory
  Stream<DynamicTest> readsWhatPhpWroteAndRefusesTheRest() throws IOException {
    JsonNode fixtures;
    try (InputStream in = getClass().getResourceAsStream("/php-serialized/fixtures.json")) {
      fixtures = JSON.readTree(in);
    }
    assertThat(fixtures.size()).isGreaterThan(90);
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode fixture : fixtures) {
      byte[] bytes = Base64.getDecoder().decode(fixture.get("base64").asText());
      JsonNode expect = fixture.get("expect");
      tests.add(
          DynamicTest.dynamicTest(
              fixture.get("name").asText(),
              () -> {
                if (expect.isTextual()) {
                  assertThatThrownBy(() -> PhpSerialized.read(bytes))
                      .isInstanceOf(PhpSerialized.Malformed.class);
                } else {
                  Object value = PhpSerialized.read(bytes);
                  assertThat(same(value, expect))
                      .as("%s read as %s", fixture.get("name").asText(), value)
                      .isTrue();
                  // The String entry point (what a database row gives) reads the same.
                  assertThat(PhpSerialized.read(new String(bytes, StandardCharsets.UTF_8)))
                      .isEqualTo(value);
                }
              }));
    }
    return tests.stream();
  }

  @Test
  void readsWordpressCronArrayIntoTypedMaps() throws Exception {
    Object value =
        PhpSerialized.read(
            "a:2:{i:1764640060;a:1:{s:12:\"asc_e2e_tick\";a:1:{s:32:\"40cd750bba9870f18aada2478b24840a\";"
                + "a:2:{s:8:\"schedule\";b:0;s:4:\"args\";a:0:{}}}}s:7:\"version\";i:2;}");
    assertThat(value).isInstanceOf(LinkedHashMap.class);
    @SuppressWarnings("unchecked")
    Map<Object, Object> cron = (Map<Object, Object>) value;
    assertThat(cron.keySet()).containsExactly(1764640060L, "version");
    assertThat(cron.get("version")).isEqualTo(2L);
    @SuppressWarnings("unchecked")
    Map<Object, Object> hooks = (Map<Object, Object>) cron.get(1764640060L);
    assertThat(hooks.keySet()).containsExactly("asc_e2e_tick");
  }

  @Test
  void countsStringLengthsInUtf8Bytes() throws Exception {
    assertThat(PhpSerialized.read("s:2:\"é\";")).isEqualTo("é");
    assertThat(PhpSerialized.read("s:4:\"🙂\";")).isEqualTo("🙂");
    assertThatThrownBy(() -> PhpSerialized.read("s:1:\"é\";"))
        .isInstanceOf(PhpSerialized.Malformed.class);
  }

  @Test
  void boundsDepthAndCountsWithoutDeepRecursionOrBigAllocations() {
    String deep = "a:1:{i:0;".repeat(1_000_000) + "N;" + "}".repeat(1_000_000);
    assertThatThrownBy(() -> PhpSerialized.read(deep))
        .isInstanceOf(PhpSerialized.Malformed.class)
        .hasMessageContaining("deeper than " + PhpSerialized.MAX_DEPTH);
    String nested = "a:1:{i:0;".repeat(PhpSerialized.MAX_DEPTH) + "N;" + "}".repeat(32);
    assertThat(catching(() -> PhpSerialized.read(nested))).isNull();
    assertThatThrownBy(() -> PhpSerialized.read("a:9223372036854775807:{}"))
        .hasMessageContaining("beyond the value");
    assertThatThrownBy(() -> PhpSerialized.read("s:9223372036854775807:\"\";"))
        .hasMessageContaining("beyond the value");
  }

  @Test
  void capsTheElementsOfAllArraysTogether() {
    // 1,000 arrays of 1,001 elements each: every count fits its bytes, the sum does not.
    String inner = "a:1001:{" + elements(1001) + "}";
    String outer = "a:1000:{" + keyed(1000, inner) + "}";
    assertThatThrownBy(() -> PhpSerialized.read(outer))
        .isInstanceOf(PhpSerialized.Malformed.class)
        .hasMessageContaining("more than " + PhpSerialized.MAX_ELEMENTS);
  }

  @Test
  void nullAndNonsenseInput() {
    assertThatThrownBy(() -> PhpSerialized.read((String) null))
        .isInstanceOf(PhpSerialized.Malformed.class);
    for (String bad : List.of("", "N", "i:1", "b:1", "a:0:{", "s:0:\"\"", "d:1e;", "i:--1;")) {
      assertThatThrownBy(() -> PhpSerialized.read(bad))
          .as(bad)
          .isInstanceOf(PhpSerialized.Malformed.class);
    }
  }

  private static String elements(int n) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < n; i++) {
      s.append("i:").append(i).append(";N;");
    }
    return s.toString();
  }

  private static String keyed(int n, String value) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < n; i++) {
      s.append("i:").append(i).append(';').append(value);
    }
    return s.toString();
  }

  private static Throwable catching(ThrowingRunnable run) {
    try {
      run.run();
      return null;
    } catch (Throwable e) {
      return e;
    }
  }

  private interface ThrowingRunnable {
    void run() throws Exception;
  }

  /** Whether {@code value} is exactly the typed tree PHP described. */
  private static boolean same(Object value, JsonNode tree) {
    String type = tree.get(0).asText();
    return switch (type) {
      case "N" -> value == null;
      case "b" -> value instanceof Boolean b && b == tree.get(1).asBoolean();
      case "i" -> value instanceof Long l && l == Long.parseLong(tree.get(1).asText());
      case "d" -> value instanceof Double d && sameDouble(d, tree.get(1).asText());
      case "s" ->
          value instanceof String s
              && s.equals(
                  new String(
                      Base64.getDecoder().decode(tree.get(1).asText()), StandardCharsets.UTF_8));
      case "a" -> value instanceof Map<?, ?> map && sameArray(map, tree.get(1));
      default -> false;
    };
  }

  private static boolean sameArray(Map<?, ?> map, JsonNode pairs) {
    if (map.size() != pairs.size()) {
      return false;
    }
    int i = 0;
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      JsonNode pair = pairs.get(i++);
      if (!same(entry.getKey(), pair.get(0)) || !same(entry.getValue(), pair.get(1))) {
        return false;
      }
    }
    return true;
  }

  private static boolean sameDouble(double d, String php) {
    return switch (php) {
      case "INF" -> d == Double.POSITIVE_INFINITY;
      case "-INF" -> d == Double.NEGATIVE_INFINITY;
      case "NAN" -> Double.isNaN(d);
      default -> Double.compare(d, Double.parseDouble(php)) == 0;
    };
  }
}
