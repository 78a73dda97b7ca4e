package org.allsitescron.api;

import java.util.Map;

/**
 * An error answer in WordPress's shape {@code
 * {"success":false,"code","message","data":{"status"}}}, thrown anywhere in the API and rendered by
 * {@link ErrorMapper}.
 */
final class ApiError extends RuntimeException {

  private final int status;
  private final String code;
  private final Long retryAfterSeconds;
  private final Map<String, Object> extra;

  ApiError(
      int status, String code, String message, Long retryAfterSeconds, Map<String, Object> extra) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
    this.extra = extra;
  }

  ApiError(int status, String code, String message) {
    this(status, code, message, null, Map.of());
  }

  static ApiError invalidParam(String name, String problem) {
    return new ApiError(
        400,
        "rest_invalid_param",
        "Invalid parameter(s): " + name + " " + problem,
        null,
        Map.of("params", Map.of(name, problem)));
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }

  Long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  /** Fields added at the top level of the body besides the WordPress ones. */
  Map<String, Object> extra() {
    return extra;
  }
}
