package org.allsitescron.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer of {@code GET /sites}: one page of sites in {@code blog_id} order and a summary. */
@RegisterForReflection
@Schema(
    name = "SitePage",
    description =
        "One page of sites, in `blog_id` order, filtered by state, and the counts per state of the"
            + " last full run. Follow `next_cursor` until it is null: a page may hold fewer than"
            + " `limit` sites even when more follow (a filtered page looks at 5,000 sites at most).",
    requiredProperties = {"state", "summary", "sites", "next_cursor"})
public record SitePage(
    @Schema(
            description = "The filter applied.",
            enumeration = {"behind", "failing", "backoff", "ok", "all"})
        String state,
    Summary summary,
    List<Entry> sites,
    @JsonProperty("next_cursor")
        @Schema(
            description = "Pass as `cursor` for the next page; null on the last page.",
            nullable = true)
        String nextCursor) {

  /** Counts per state, as the last full run over the network left them. */
  @RegisterForReflection
  @Schema(
      name = "SiteSummary",
      description =
          "Sites per state as the last full run left them (`?site=` runs do not count); zeros and"
              + " null `as_of` before the first.",
      requiredProperties = {"sites", "ok", "failing", "behind", "backoff", "oldest_overdue_s"})
  public record Summary(
      @JsonProperty("as_of") @Schema(description = "When that run finished.", nullable = true)
          Instant asOf,
      @JsonProperty("run_id") @Schema(description = "That run.", nullable = true) String runId,
      @Schema(description = "Sites that run handled.") long sites,
      long ok,
      long failing,
      long behind,
      long backoff,
      @JsonProperty("oldest_overdue_s")
          @Schema(
              description =
                  "Age now, in seconds, of the oldest overdue cron event that run saw; 0 when none.")
          long oldestOverdueSeconds) {}

  /** One site's state across runs. */
  @RegisterForReflection
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @Schema(
      name = "SiteEntry",
      requiredProperties = {"blog_id", "url", "state", "consecutive_failures", "last_look"})
  public record Entry(
      @JsonProperty("blog_id")
          @Schema(description = "`blog_id` (list position for the static source).")
          long blogId,
      String url,
      SiteState state,
      @JsonProperty("http_outcome")
          @Schema(
              description = "Outcome of the last request.",
              enumeration = {"ok", "http_error", "timeout", "connect_error"})
          String httpOutcome,
      @Schema(description = "Final HTTP status of the last request; 0 when there was none.")
          int status,
      @Schema(description = "Why the last look failed; absent after a success.") String reason,
      @JsonProperty("cron_outcome")
          @Schema(
              description = "Cron outcome of the last look; absent when cron was not checked.",
              enumeration = {"ran", "still_due", "not_due", "busy", "unknown"})
          String cronOutcome,
      @JsonProperty("last_ran") @Schema(description = "When cron was last seen to run.")
          Instant lastRan,
      @JsonProperty("last_look") @Schema(description = "When a run last requested the site.")
          Instant lastLook,
      @JsonProperty("overdue_s")
          @Schema(
              description =
                  "Age now, in seconds, of the oldest event that was overdue at the last look;"
                      + " absent when none was.")
          Long overdueSeconds,
      @JsonProperty("consecutive_failures")
          @Schema(description = "Looks in a row that failed (an HTTP failure or `still_due`).")
          int consecutiveFailures,
      @JsonProperty("backoff_until")
          @Schema(description = "End of the back-off window; absent when not backed off.")
          Instant backoffUntil,
      @JsonProperty("backoff_level")
          @Schema(description = "Back-off windows in a row (each twice the last, up to the max).")
          Integer backoffLevel) {}
}
