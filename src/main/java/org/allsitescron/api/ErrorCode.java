package org.allsitescron.api;

import com.fasterxml.jackson.annotation.JsonValue;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Every {@code code} an error answer can carry: the document's enum is read from here, so a code
 * the service sends is a code the document lists. Adding one is adding a constant.
 */
@Schema(description = "Machine-readable error code.")
public enum ErrorCode {
  /** A parameter has a value the service does not accept (400). */
  INVALID_PARAM("rest_invalid_param"),
  /** The HTTP request itself could not be read: bad percent-encoding, a malformed line (400). */
  BAD_REQUEST("rest_bad_request"),
  /** A token is required and none was sent (401). */
  AUTH_MISSING("all_sites_cron_auth_missing"),
  /** The token sent is not the configured one (403). */
  AUTH_INVALID("all_sites_cron_auth_invalid"),
  /** No route for this URL (404) or for this method (405, with {@code Allow}). */
  NO_ROUTE("rest_no_route"),
  /** No report with that run id (404). */
  RUN_NOT_FOUND("all_sites_cron_run_not_found"),
  /** {@code ?site=} names no eligible site (404). */
  SITE_NOT_FOUND("all_sites_cron_site_not_found"),
  /** The answer cannot be given in a media type the {@code Accept} header allows (406). */
  NOT_ACCEPTABLE("rest_not_acceptable"),
  /** A run holds the lock (409). */
  LOCKED("all_sites_cron_locked"),
  /** The request body's media type is not one the route reads (415). */
  UNSUPPORTED_MEDIA_TYPE("rest_unsupported_media_type"),
  /** Inside the cooldown of the last accepted trigger (429). */
  RATE_LIMITED("all_sites_cron_rate_limited"),
  /** A run stopped before every site was requested (500). */
  RUN_ABORTED("all_sites_cron_run_aborted"),
  /** Anything unexpected (500); the log has the details. */
  INTERNAL("internal_error"),
  /** Redis is configured but unreachable or refusing (see {@code reason}) (503). */
  REDIS_UNAVAILABLE("all_sites_cron_redis_unavailable"),
  /** The site database is unreachable or refusing (see {@code reason}); nothing requested (503). */
  SITE_SOURCE_UNAVAILABLE("all_sites_cron_site_source_unavailable");

  private final String code;

  ErrorCode(String code) {
    this.code = code;
  }

  /** The code as sent. */
  @JsonValue
  public String code() {
    return code;
  }
}
