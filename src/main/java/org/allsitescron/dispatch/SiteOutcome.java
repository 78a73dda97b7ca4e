package org.allsitescron.dispatch;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One site's result: its URL, the outcome, the final HTTP status (0 when there was none), an error
 * text for anything but {@code ok}, and how long the request took.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SiteOutcome(
    String url,
    Outcome outcome,
    int status,
    String error,
    @JsonProperty("duration_ms") long durationMs) {

  static SiteOutcome answered(String url, int status, long durationMs) {
    boolean ok = status >= 200 && status < 300;
    return new SiteOutcome(
        url,
        ok ? Outcome.OK : Outcome.HTTP_ERROR,
        status,
        ok ? null : "HTTP " + status,
        durationMs);
  }

  static SiteOutcome failed(
      String url, Outcome outcome, int status, String error, long durationMs) {
    return new SiteOutcome(url, outcome, status, error, durationMs);
  }
}
