package org.allsitescron.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.allsitescron.dispatch.SiteResponse;

/**
 * One site's result: its URL, the outcome, the final HTTP status (0 when there was none), an error
 * text for anything but {@code ok}, and how long the request took. With a cron check ({@code
 * cron-check.mode} {@code verify} or {@code due}) also the cron outcome judged from the site's own
 * database rows, the age of its oldest overdue event when it was read (seconds, 0 when none), and
 * the PHP work time: from the request until the site's cron work was seen finished.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SiteOutcome(
    String url,
    Outcome outcome,
    int status,
    String error,
    @JsonProperty("duration_ms") long durationMs,
    CronOutcome cron,
    @JsonProperty("oldest_overdue_seconds") Long oldestOverdueSeconds,
    @JsonProperty("cron_work_ms") Long cronWorkMs) {

  /** An outcome without a cron check (mode {@code off}). */
  public SiteOutcome(String url, Outcome outcome, int status, String error, long durationMs) {
    this(url, outcome, status, error, durationMs, null, null, null);
  }

  /** This outcome with the cron judgement added; {@code outcome} and {@code error} as given. */
  public SiteOutcome judged(
      Outcome outcome, String error, CronOutcome cron, Long oldestOverdueSeconds, Long workMs) {
    return new SiteOutcome(
        url, outcome, status, error, durationMs, cron, oldestOverdueSeconds, workMs);
  }

  /** The outcome of a site's request as the dispatch reported it. */
  public static SiteOutcome of(SiteResponse response) {
    Outcome outcome =
        switch (response.result()) {
          case OK -> Outcome.OK;
          case HTTP_ERROR -> Outcome.HTTP_ERROR;
          case TIMEOUT -> Outcome.TIMEOUT;
          case CONNECT_ERROR -> Outcome.CONNECT_ERROR;
          case TLS_ERROR -> Outcome.TLS_ERROR;
        };
    return new SiteOutcome(
        response.url(), outcome, response.status(), response.error(), response.durationMs());
  }
}
