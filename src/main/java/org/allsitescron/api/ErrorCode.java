package org.allsitescron.api;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Every {@code code} an error answer can carry, each constant its code in upper case: the
 * document's enum is read from here, so a code the service sends is a code the document lists.
 * Adding one is adding a constant, and a row to the table of docs/api.md ("Errors") that says when
 * each is sent and with which status.
 */
@Schema(description = "Machine-readable error code.")
public enum ErrorCode {
  REST_INVALID_PARAM,
  REST_BAD_REQUEST,
  REST_NO_ROUTE,
  REST_NOT_ACCEPTABLE,
  REST_UNSUPPORTED_MEDIA_TYPE,
  ALL_SITES_CRON_AUTH_MISSING,
  ALL_SITES_CRON_AUTH_INVALID,
  ALL_SITES_CRON_RUN_NOT_FOUND,
  ALL_SITES_CRON_SITE_NOT_FOUND,
  ALL_SITES_CRON_LOCKED,
  ALL_SITES_CRON_RATE_LIMITED,
  ALL_SITES_CRON_RUN_ABORTED,
  ALL_SITES_CRON_REDIS_UNAVAILABLE,
  ALL_SITES_CRON_SITE_SOURCE_UNAVAILABLE,
  INTERNAL_ERROR;

  /** The code as sent. */
  @JsonValue
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
