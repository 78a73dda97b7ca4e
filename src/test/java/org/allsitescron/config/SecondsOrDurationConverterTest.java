package org.allsitescron.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SecondsOrDurationConverterTest {

  private final SecondsOrDurationConverter converter = new SecondsOrDurationConverter();

  @ParameterizedTest
  @CsvSource({
    "0.01, PT0.01S",
    "5, PT5S",
    "2.5, PT2.5S",
    "5s, PT5S",
    "500ms, PT0.5S",
    "5m, PT5M",
    "PT30S, PT30S",
    "' 3 ', PT3S"
  })
  void readsDecimalSecondsAndDurations(String value, String expected) {
    assertThat(converter.convert(value)).isEqualTo(Duration.parse(expected));
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "-5s", "soon", "1.2.3"})
  void refusesWhatIsNotADuration(String value) {
    assertThatThrownBy(() -> converter.convert(value)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void emptyMeansUnset() {
    assertThat(converter.convert("  ")).isNull();
  }
}
