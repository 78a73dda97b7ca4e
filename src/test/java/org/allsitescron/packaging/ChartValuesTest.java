package org.allsitescron.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** values.yaml is documented key by key and every value is described by values.schema.json. */
@SuppressWarnings("unchecked")
class ChartValuesTest {

  private static final Path VALUES = RenderedChart.CHART.resolve("values.yaml");
  private static final Path SCHEMA = RenderedChart.CHART.resolve("values.schema.json");
  private static final Pattern KEY = Pattern.compile("^(\\s*)([A-Za-z][\\w.-]*):");

  @Test
  void everyTopLevelKeyAndEveryServiceSettingHasACommentAbove() throws IOException {
    List<String> lines = Files.readAllLines(VALUES);
    List<String> undocumented = new ArrayList<>();
    boolean inConfig = false;
    for (int i = 0; i < lines.size(); i++) {
      Matcher key = KEY.matcher(lines.get(i));
      if (!key.find()) {
        continue;
      }
      int indent = key.group(1).length();
      if (indent == 0) {
        inConfig = key.group(2).equals("config");
      }
      boolean mustBeDocumented = indent == 0 || inConfig || isGroupMember(lines, i, indent);
      if (mustBeDocumented && (i == 0 || !lines.get(i - 1).strip().startsWith("#"))) {
        undocumented.add((i + 1) + ": " + lines.get(i).strip());
      }
    }
    assertThat(undocumented).as("keys without a comment above them").isEmpty();
  }

  /**
   * Second-level keys of chart groups (image.tag, cronJob.schedule ...), not Kubernetes objects.
   */
  private static boolean isGroupMember(List<String> lines, int index, int indent) {
    if (indent != 2) {
      return false;
    }
    for (int i = index - 1; i >= 0; i--) {
      Matcher parent = KEY.matcher(lines.get(i));
      if (parent.find() && parent.group(1).isEmpty()) {
        return !List.of("podSecurityContext", "securityContext", "resources")
            .contains(parent.group(2));
      }
    }
    return false;
  }

  @Test
  void theSchemaDescribesEveryValue() throws IOException {
    Map<String, Object> values = (Map<String, Object>) load(Files.readString(VALUES));
    Map<String, Object> schema = (Map<String, Object>) load(Files.readString(SCHEMA));
    List<String> missing = new ArrayList<>();
    collectMissing("", values, schema, missing);
    assertThat(missing).as("values without a schema entry").isEmpty();
    assertThat(schema).containsEntry("additionalProperties", false);
  }

  private static void collectMissing(
      String prefix, Map<String, Object> values, Map<String, Object> schema, List<String> missing) {
    Map<String, Object> properties = (Map<String, Object>) schema.get("properties");
    if (properties == null) {
      return; // a free-form object (securityContext, resources ...)
    }
    values.forEach(
        (key, value) -> {
          Map<String, Object> property = (Map<String, Object>) properties.get(key);
          if (property == null) {
            missing.add(prefix + key);
          } else if (value instanceof Map<?, ?> nested) {
            collectMissing(prefix + key + ".", (Map<String, Object>) nested, property, missing);
          }
        });
  }

  private static Object load(String text) {
    return new Load(LoadSettings.builder().build()).loadFromString(text);
  }
}
