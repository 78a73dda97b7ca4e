package org.allsitescron.api;

import java.time.Instant;
import java.util.List;
import org.allsitescron.run.RunReport;
import org.allsitescron.run.RunStatus;
import org.allsitescron.run.Trigger;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The {@code 200} of {@code /status}: what is going on, across every replica. */
@Schema(name = "Status", description = "What is going on, across every replica.")
public record StatusBody(
    @Schema(
            required = true,
            enumeration = {"redis", "embedded"})
        String coordination,
    @Schema(required = true, nullable = true) CurrentRun currentRun,
    @Schema(required = true) QueueState queue,
    @Schema(required = true) LockInfo lock,
    @Schema(required = true) Cooldown cooldown,
    @Schema(required = true, description = "The last 10 reports, newest first.")
        List<RunReport> recentRuns)
    implements Body {

  /** The progress of the run going on. */
  @Schema(description = "The run in progress; `current_run` is null when no run is going on.")
  public record CurrentRun(
      @Schema(required = true) String runId,
      @Schema(required = true) Trigger trigger,
      @Schema(required = true) Instant startedAt,
      @Schema(required = true, description = "Sites done so far.") long done,
      @Schema(required = true, description = "Sites this run will request.") long total,
      @Schema(required = true, description = "Errors so far.") long errors)
      implements Body {}

  /** How many jobs wait, and how many were dead-lettered. */
  @Schema(description = "Queue lengths.")
  public record QueueState(
      @Schema(required = true, description = "Jobs waiting.") long length,
      @Schema(required = true, description = "Jobs in the dead-letter list.") long dead)
      implements Body {}

  /** Who holds the run lock, and for how long. */
  @Schema(description = "The run lock.")
  public record LockInfo(
      @Schema(required = true) boolean held,
      @Schema(
              required = true,
              nullable = true,
              description = "The holding run's id; null when free.")
          String owner,
      @Schema(required = true, description = "Milliseconds until the lock expires.") long ttlMs)
      implements Body {}

  /** What is left of the cooldown between accepted triggers. */
  @Schema(description = "The cooldown between accepted triggers.")
  public record Cooldown(
      @Schema(required = true, description = "Seconds left; 0 when a trigger passes.")
          long remainingS)
      implements Body {}

  static StatusBody of(RunStatus.Snapshot snapshot) {
    return new StatusBody(
        snapshot.coordination(),
        snapshot.current().map(StatusBody::progress).orElse(null),
        new QueueState(snapshot.queue().length(), snapshot.queue().dead()),
        new LockInfo(snapshot.lock().held(), snapshot.lock().owner(), snapshot.lock().ttlMs()),
        new Cooldown(snapshot.cooldownRemainingSeconds()),
        snapshot.recent());
  }

  private static CurrentRun progress(RunReport report) {
    return new CurrentRun(
        report.runId(),
        report.trigger(),
        report.startedAt(),
        report.count(),
        report.total(),
        report.errors());
  }
}
