package org.allsitescron.config;

import java.util.Locale;
import org.eclipse.microprofile.config.spi.Converter;

/**
 * Reads a boolean key the way SPEC spells booleans ({@code 1 true yes on} / {@code 0 false no off},
 * case-insensitive) and refuses anything else: SmallRye's own converter takes any unknown word for
 * {@code false}, so {@code require-auth=ture} would silently open the endpoints.
 */
public class StrictBooleanConverter implements Converter<Boolean> {

  /** What the refusal lists as allowed. */
  public static final String ALLOWED = "1, true, yes, on, 0, false, no, off";

  @Override
  public Boolean convert(String value) {
    String word = value.trim().toLowerCase(Locale.ROOT);
    return switch (word) {
      case "" -> null;
      case "1", "true", "yes", "on" -> Boolean.TRUE;
      case "0", "false", "no", "off" -> Boolean.FALSE;
      default ->
          throw new IllegalArgumentException(
              "must be one of " + ALLOWED + " (case-insensitive), got \"" + value + "\"");
    };
  }
}
