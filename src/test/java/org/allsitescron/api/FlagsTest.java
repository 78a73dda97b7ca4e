package org.allsitescron.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FlagsTest {

  @ParameterizedTest
  @ValueSource(strings = {"", "1", "true", "TRUE", "yes", "Yes", "on", " on "})
  void trueSpellings(String raw) {
    assertThat(Flags.parse("defer", raw)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "false", "False", "no", "OFF"})
  void falseSpellings(String raw) {
    assertThat(Flags.parse("defer", raw)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"2", "y", "maybe", "truee"})
  void anythingElseNamesTheParameter(String raw) {
    assertThatThrownBy(() -> Flags.parse("dry_run", raw))
        .isInstanceOfSatisfying(
            ApiError.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.code()).isEqualTo("rest_invalid_param");
              assertThat(e.getMessage()).contains("dry_run");
            });
  }
}
