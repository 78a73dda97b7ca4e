package org.allsitescron.api;

import com.fasterxml.jackson.annotation.JsonValue;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Every {@code code} an error answer can carry: the document's enum is read from here, so a code
 * the service sends is a code the document lists. Adding one is adding a constant, and a row to the
 * table of docs/api.md ("Errors") that says when each is sent and with which status.
 */
@Schema(description = "Machine-readable error code.")
public enum ErrorCode {
  INVALID_PARAM("rest_invalid_param"),
  BAD_REQUEST("rest_bad_request"),
  AUTH_MISSING("all_sites_cron_auth_missing"),
  AUTH_INVALID("all_sites_cron_auth_invalid"),
  NO_ROUTE("rest_no_route"),
  RUN_NOT_FOUND("all_sites_cron_run_not_found"),
  SITE_NOT_FOUND("all_sites_cron_site_not_found"),
  NOT_ACCEPTABLE("rest_not_acceptable"),
  LOCKED("all_sites_cron_locked"),
  UNSUPPORTED_MEDIA_TYPE("rest_unsupported_media_type"),
  RATE_LIMITED("all_sites_cron_rate_limited"),
  RUN_ABORTED("all_sites_cron_run_aborted"),
  INTERNAL("internal_error"),
  REDIS_UNAVAILABLE("all_sites_cron_redis_unavailable"),
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
