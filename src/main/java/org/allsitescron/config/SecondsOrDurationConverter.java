package org.allsitescron.config;

import io.quarkus.runtime.configuration.DurationConverter;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.spi.Converter;

/**
 * Reads a duration the Quarkus way ({@code 5s}, {@code 500ms}, {@code PT5M}) or as decimal seconds
 * the way the plugin's filters took it ({@code 0.01}, {@code 5}); negative values are refused.
 */
public class SecondsOrDurationConverter implements Converter<Duration> {

  private static final Pattern DECIMAL_SECONDS = Pattern.compile("\\d+(\\.\\d{1,9})?");
  private static final DurationConverter QUARKUS_DURATIONS = new DurationConverter();

  @Override
  public Duration convert(String value) {
    String trimmed = value.trim();
    if (trimmed.isEmpty()) {
      return null;
    }
    Duration duration =
        DECIMAL_SECONDS.matcher(trimmed).matches()
            ? Duration.ofNanos(new BigDecimal(trimmed).movePointRight(9).longValueExact())
            : QUARKUS_DURATIONS.convert(trimmed);
    if (duration.isNegative()) {
      throw new IllegalArgumentException("a duration must not be negative: " + value);
    }
    return duration;
  }
}
