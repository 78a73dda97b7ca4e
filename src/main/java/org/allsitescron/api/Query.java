package org.allsitescron.api;

import jakarta.ws.rs.core.UriInfo;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The query string read as PHP (and so WordPress and the plugin) reads it: the last of repeated
 * parameters wins, {@code .} and spaces in names become {@code _}, {@code name[…]} is an array, and
 * a malformed {@code %} escape stays as it is. Booleans are strict: {@code 1 true yes on} and the
 * bare flag are true, {@code 0 false no off} false (any case), anything else, spaces and NUL bytes
 * included, is a {@code 400 rest_invalid_param} naming the parameter.
 */
final class Query {

  /** A parameter given as {@code name[]=…}: PHP makes it an array, which no flag accepts. */
  private static final String ARRAY = "\0array";

  /** A whole number as {@link #integer} takes it: 1 to 18 ASCII digits, so it fits a long. */
  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,18}");

  private static final Pattern MALFORMED_ESCAPE = Pattern.compile("%(?![0-9A-Fa-f]{2})");

  private final Map<String, String> values;

  private Query(Map<String, String> values) {
    this.values = values;
  }

  static Query of(UriInfo uri) {
    return parse(uri.getRequestUri().getRawQuery());
  }

  /** Parses a raw (still percent-encoded) query string; null is an empty query. */
  static Query parse(String raw) {
    Map<String, String> values = new HashMap<>();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int equals = pair.indexOf('=');
        String name = decode(equals < 0 ? pair : pair.substring(0, equals));
        String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
        int bracket = name.indexOf('[');
        boolean array = bracket > 0 && name.indexOf(']', bracket) > 0;
        String key = phpName(array ? name.substring(0, bracket) : name);
        if (!key.isEmpty()) {
          values.put(key, array ? ARRAY : value);
        }
      }
    }
    return new Query(values);
  }

  /** The parameter's value (the last one given), if it was given as a single value. */
  Optional<String> get(String name) {
    String value = values.get(name);
    return value == null || value.equals(ARRAY) ? Optional.empty() : Optional.of(value);
  }

  /** The flag {@code name}: absent is false, present without a value is true. */
  boolean flag(String name) {
    String value = values.get(name);
    if (value == null) {
      return false;
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "", "1", "true", "yes", "on" -> true;
      case "0", "false", "no", "off" -> false;
      default ->
          throw ApiError.invalidParam(
              name,
              "must be one of 1, true, yes, on, 0, false, no, off (got '" + shown(value) + "')");
    };
  }

  /** The flag, or false when it cannot be read: for choosing how to render an error. */
  boolean lenientFlag(String name) {
    try {
      return flag(name);
    } catch (ApiError e) {
      return false;
    }
  }

  /** The whole number {@code name} from {@code min} to {@code max}; {@code fallback} if absent. */
  long integer(String name, long fallback, long min, long max) {
    return integer(name, fallback, min, max, "must be a whole number from " + min + " to " + max);
  }

  /**
   * The whole number {@code name}, {@code fallback} when absent, a {@code 400} saying {@code
   * problem} when it is not ASCII digits (an array, spaces, signs and NUL bytes included, as for
   * flags) or out of {@code min} to {@code max}.
   */
  long integer(String name, long fallback, long min, long max, String problem) {
    String raw = values.get(name);
    if (raw == null) {
      return fallback;
    }
    if (DIGITS.matcher(raw).matches()) {
      long value = Long.parseLong(raw);
      if (value >= min && value <= max) {
        return value;
      }
    }
    throw ApiError.invalidParam(name, problem);
  }

  private static String shown(String value) {
    String visible = value.equals(ARRAY) ? "an array" : value.replace("\0", "\\0");
    return visible.length() <= 40 ? visible : visible.substring(0, 40) + "…";
  }

  /** PHP's {@code urldecode}: {@code +} is a space, a malformed escape is kept as it is. */
  static String decode(String raw) {
    // URLDecoder refuses a malformed escape, so its % is escaped first.
    return URLDecoder.decode(
        MALFORMED_ESCAPE.matcher(raw).replaceAll("%25"), StandardCharsets.UTF_8);
  }

  /** PHP's variable names: leading spaces dropped, spaces and dots made underscores. */
  private static String phpName(String name) {
    return name.stripLeading().replace(' ', '_').replace('.', '_');
  }
}
