package org.allsitescron.run;

import com.fasterxml.jackson.annotation.JsonValue;

/** What became of one site's {@code wp-cron.php} request. */
public enum Outcome {
  /** A 2xx answer. */
  OK("ok"),
  /** Any other final status, including a refused redirect. */
  HTTP_ERROR("http_error"),
  /** Sent, but no answer in time; on most setups the cron still runs. */
  TIMEOUT("timeout"),
  /** Never reached the site: DNS, refused connection, or an unusable URL. */
  CONNECT_ERROR("connect_error"),
  /** The site's certificate was refused (expired, unknown issuer, another name) or TLS failed. */
  TLS_ERROR("tls_error"),
  /** Not requested: the site keeps failing and is in a back-off window (SPEC §8). */
  BACKOFF("backoff"),
  /**
   * A 2xx answer, yet the events due before the request were still due after {@code
   * cron-check.settle-timeout}: WordPress answered without running them.
   */
  STILL_DUE("still_due"),
  /** Not requested: {@code cron-check.mode=due} and nothing due, or its lock held. */
  NOT_REQUESTED("not_requested");

  private final String label;

  Outcome(String label) {
    this.label = label;
  }

  /** The name used in JSON, logs and metric tags. */
  @JsonValue
  public String label() {
    return label;
  }

  /** Whether this outcome counts as an error of the run (timeouts do not). */
  public boolean isError() {
    return this == HTTP_ERROR || this == CONNECT_ERROR || this == TLS_ERROR;
  }
}
