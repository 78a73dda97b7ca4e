package org.allsitescron.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.smallrye.config.ConfigMappings;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.io.IOException;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.allsitescron.config.CronConfig;
import org.allsitescron.config.PositiveDuration;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * values.schema.json against values.yaml (the schema validates it) and against the service's own
 * keys: the chart's {@code config:} block becomes the {@code all-sites-cron:} block of the
 * application.yaml its ConfigMap mounts (templates/configmap.yaml), so the schema of that block
 * must name exactly the keys of {@link CronConfig}, accept the values the service accepts and
 * refuse the ones its constraints refuse.
 */
class ChartSchemaTest {

  private static final Path VALUES = RenderedChart.CHART.resolve("values.yaml");
  private static final Path SCHEMA = RenderedChart.CHART.resolve("values.schema.json");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PREFIX = "all-sites-cron.";

  /** Keys the chart sets itself: require-auth from auth.enabled, the token from the Secret. */
  private static final Set<String> SET_BY_THE_CHART =
      Set.of(PREFIX + "require-auth", PREFIX + "auth-token");

  private final JsonNode schema = readSchema();
  private final JsonNode config = schema.path("properties").path("config");

  @Test
  void theSchemaValidatesValuesYaml() throws IOException {
    Object values = new Load(LoadSettings.builder().build()).loadFromString(read(VALUES));

    assertThat(validator(schema).validate(JSON.valueToTree(values))).isEmpty();
  }

  @Test
  void theConfigBlockNamesExactlyTheServiceKeys() {
    Set<String> serviceKeys = new TreeSet<>(serviceKeys().keySet());
    serviceKeys.removeAll(SET_BY_THE_CHART);

    assertThat(new TreeSet<>(schemaKeys(config, PREFIX).keySet()))
        .containsExactlyElementsOf(serviceKeys);
  }

  @Test
  void theConfigBlockAcceptsWhatTheServiceAcceptsAndRefusesWhatItRefuses() {
    Map<String, JsonNode> described = schemaKeys(config, PREFIX);
    List<String> drift = new ArrayList<>();
    serviceKeys()
        .forEach(
            (key, method) -> {
              JsonNode property = described.get(key);
              if (property == null) {
                return; // theConfigBlockNamesExactlyTheServiceKeys names it
              }
              JsonSchema rule = validator(property);
              for (Object good : accepted(method)) {
                if (!rule.validate(JSON.valueToTree(good)).isEmpty()) {
                  drift.add(key + " refuses " + good);
                }
              }
              for (Object bad : refused(method)) {
                if (rule.validate(JSON.valueToTree(bad)).isEmpty()) {
                  drift.add(key + " accepts " + bad);
                }
              }
            });

    assertThat(drift).as("values the chart and the service judge differently").isEmpty();
  }

  /** Values the service takes for this key: its default, and samples of its type and bounds. */
  private static List<Object> accepted(Method method) {
    List<Object> values = new ArrayList<>();
    if (isList(method)) {
      return List.of(List.of(), List.of("https://a.example/", "http://b.example/blog/"));
    }
    WithDefault fallback = method.getAnnotation(WithDefault.class);
    Class<?> type = valueType(method);
    if (fallback != null) {
      values.add(typed(type, fallback.value()));
    }
    if (type == Duration.class) {
      values.addAll(List.of("5s", "500ms", "2m", "1h", "7d", "PT5S", "0.01", 5, 0.5));
    } else if (type.isEnum()) {
      for (Object constant : type.getEnumConstants()) {
        values.add(((Enum<?>) constant).name().toLowerCase(Locale.ROOT).replace('_', '-'));
      }
    } else if (type == boolean.class || type == Boolean.class) {
      values.addAll(List.of(true, false));
    } else if (type == String.class && method.getReturnType() == Optional.class) {
      values.add("some-name");
    }
    Min min = method.getAnnotation(Min.class);
    if (min != null) {
      values.add(min.value());
    }
    Max max = method.getAnnotation(Max.class);
    if (max != null) {
      values.add(max.value());
    }
    return values;
  }

  /** Values the service refuses at start-up for this key. */
  private static List<Object> refused(Method method) {
    List<Object> values = new ArrayList<>();
    if (isList(method)) {
      return List.of("https://a.example/", List.of("ftp://files.example/"));
    }
    Class<?> type = valueType(method);
    if (type == int.class || type == Integer.class) {
      values.add("many");
      values.add(1.5);
    }
    if (type == boolean.class || type == Boolean.class) {
      values.add("maybe");
    }
    if (type == Duration.class) {
      values.add("soon");
      values.add(-1);
    }
    if (isPositiveDuration(method)) {
      values.add(0);
    }
    Min min = method.getAnnotation(Min.class);
    if (min != null) {
      values.add(min.value() - 1);
    }
    Max max = method.getAnnotation(Max.class);
    if (max != null) {
      values.add(max.value() + 1);
    }
    DecimalMin decimalMin = method.getAnnotation(DecimalMin.class);
    if (decimalMin != null) {
      values.add(Double.parseDouble(decimalMin.value()) - 1);
    }
    return values;
  }

  private static boolean isPositiveDuration(Method method) {
    if (method.isAnnotationPresent(PositiveDuration.class)) {
      return true;
    }
    return method.getAnnotatedReturnType() instanceof AnnotatedParameterizedType parameterized
        && parameterized.getAnnotatedActualTypeArguments()[0].isAnnotationPresent(
            PositiveDuration.class);
  }

  private static boolean isList(Method method) {
    return method.getReturnType() == List.class
        || method
            .getGenericReturnType()
            .getTypeName()
            .startsWith("java.util.Optional<java.util.List");
  }

  /** The value's type: the return type, or what the Optional holds. */
  private static Class<?> valueType(Method method) {
    Class<?> raw = method.getReturnType();
    if (raw == OptionalInt.class) {
      return int.class;
    }
    if (raw == Optional.class) {
      Type held = ((ParameterizedType) method.getGenericReturnType()).getActualTypeArguments()[0];
      return held instanceof Class<?> inner ? inner : Object.class;
    }
    return raw;
  }

  /** A default as YAML would carry it: a number or a boolean where the type is one. */
  private static Object typed(Class<?> type, String value) {
    if (type == int.class) {
      return Integer.parseInt(value);
    }
    if (type == double.class) {
      return Double.parseDouble(value);
    }
    if (type == boolean.class) {
      return Boolean.parseBoolean(value);
    }
    return value;
  }

  /** Every key of the mapping with the method that reads it. */
  private static Map<String, Method> serviceKeys() {
    Map<String, Method> keys = new TreeMap<>();
    ConfigMappings.getProperties(
            ConfigMappings.ConfigClass.configClass(CronConfig.class, "all-sites-cron"))
        .forEach((key, property) -> keys.put(key.replace("[*]", ""), property.getMethod()));
    return keys;
  }

  /** Every leaf of an object schema, by dotted key (an array is a leaf). */
  private static Map<String, JsonNode> schemaKeys(JsonNode object, String prefix) {
    Map<String, JsonNode> keys = new TreeMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = object.path("properties").fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode property = field.getValue();
      if (property.has("properties")) {
        keys.putAll(schemaKeys(property, prefix + field.getKey() + "."));
      } else {
        keys.put(prefix + field.getKey(), field.getValue());
      }
    }
    return keys;
  }

  /** A validator of one part of the schema, with the schema's definitions at hand. */
  private JsonSchema validator(JsonNode part) {
    JsonNode whole = part.deepCopy();
    if (whole.isObject() && schema.has("definitions")) {
      ((ObjectNode) whole).set("definitions", schema.get("definitions"));
    }
    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(whole);
  }

  private static JsonNode readSchema() {
    try {
      return JSON.readTree(read(SCHEMA));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String read(Path path) {
    try {
      return Files.readString(path);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
