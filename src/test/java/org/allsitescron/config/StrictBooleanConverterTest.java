package org.allsitescron.config;

import static org.allsitescron.config.ConfigTestSupport.mapping;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.config.WithConverter;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StrictBooleanConverterTest {

  private final StrictBooleanConverter converter = new StrictBooleanConverter();

  @ParameterizedTest
  @ValueSource(strings = {"1", "true", "TRUE", "yes", "On", " on "})
  void readsSpecsSpellingsOfTrue(String value) {
    assertThat(converter.convert(value)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "false", "False", "no", "OFF"})
  void readsSpecsSpellingsOfFalse(String value) {
    assertThat(converter.convert(value)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"ture", "maybe", "fals", "y", "2", "enabled"})
  void refusesAnythingElseNamingTheValueAndWhatIsAllowed(String value) {
    assertThatThrownBy(() -> converter.convert(value))
        .hasMessageContaining(value)
        .hasMessageContaining(StrictBooleanConverter.ALLOWED);
  }

  @Test
  void aTypoInRequireAuthIsAnErrorNotFalse() {
    assertThatThrownBy(
            () ->
                mapping(
                    Map.of(
                        "all-sites-cron.auth-token", "t", "all-sites-cron.require-auth", "ture")))
        .hasStackTraceContaining("all-sites-cron.require-auth")
        .hasStackTraceContaining("ture");
  }

  @Test
  void aTokenWithRequireAuthUnsetMeansAuth() {
    assertThat(mapping(Map.of("all-sites-cron.auth-token", "t")).effectiveRequireAuth()).isTrue();
  }

  /** A boolean key added later without the strict converter would read "ture" as false. */
  @Test
  void everyBooleanKeyOfTheMappingReadsThroughTheStrictConverter() {
    List<String> lax = new ArrayList<>();
    collect(CronConfig.class, lax);
    assertThat(lax).isEmpty();
  }

  private static void collect(Class<?> group, List<String> lax) {
    for (Method method : group.getDeclaredMethods()) {
      if (method.isDefault() || method.getParameterCount() > 0) {
        continue;
      }
      Class<?> type = method.getReturnType();
      boolean isBoolean =
          type == boolean.class
              || type == Boolean.class
              || (type == Optional.class
                  && method.getGenericReturnType().getTypeName().contains("Boolean"));
      if (isBoolean) {
        WithConverter converter = method.getAnnotation(WithConverter.class);
        if (converter == null || converter.value() != StrictBooleanConverter.class) {
          lax.add(group.getSimpleName() + "." + method.getName());
        }
      } else if (type.isInterface() && type.getName().startsWith("org.allsitescron")) {
        collect(type, lax);
      }
    }
  }
}
