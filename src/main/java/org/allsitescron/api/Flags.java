package org.allsitescron.api;

import jakarta.ws.rs.core.UriInfo;
import java.util.Locale;

/**
 * The boolean query parameters ({@code ga}, {@code defer}, {@code dry_run}): {@code 1 true yes on}
 * and the bare flag mean true, {@code 0 false no off} false, case-insensitive; anything else is a
 * 400 naming the parameter.
 */
final class Flags {

  private Flags() {}

  /** The flag {@code name} of a request: absent is false, present without a value is true. */
  static boolean read(UriInfo uri, String name) {
    var params = uri.getQueryParameters();
    if (!params.containsKey(name)) {
      return false;
    }
    String raw = params.getFirst(name);
    return parse(name, raw == null ? "" : raw);
  }

  /** The flag's value; false when absent. */
  static boolean parse(String name, String raw) {
    if (raw == null) {
      return false;
    }
    return switch (raw.trim().toLowerCase(Locale.ROOT)) {
      case "", "1", "true", "yes", "on" -> true;
      case "0", "false", "no", "off" -> false;
      default ->
          throw ApiError.invalidParam(
              name,
              "must be one of 1, true, yes, on, 0, false, no, off (got '" + shorten(raw) + "')");
    };
  }

  private static String shorten(String raw) {
    return raw.length() <= 40 ? raw : raw.substring(0, 40) + "…";
  }

  /** The flag's value for rendering an error: an unreadable value counts as false. */
  static boolean lenient(UriInfo uri) {
    try {
      return read(uri, "ga");
    } catch (ApiError e) {
      return false;
    }
  }
}
