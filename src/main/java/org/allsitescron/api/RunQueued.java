package org.allsitescron.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import org.allsitescron.run.TriggerResult;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The {@code 202} of {@code defer=1}: queued now, or a job was already waiting. */
@RegisterForReflection
@Schema(description = "A deferred run (`defer=1`): queued now, or a job was already waiting.")
public record RunQueued(
    @Schema(required = true) boolean success,
    @Schema(
            required = true,
            description =
                "`Cron job queued to Redis for background processing` (mode `redis`), `Cron job"
                    + " queued for background processing` (mode `deferred`), or `A cron job is"
                    + " already queued for background processing`.")
        String message,
    @Schema(
            required = true,
            enumeration = {"queued", "already_queued"})
        String status,
    @Schema(
            required = true,
            enumeration = {"redis", "deferred"},
            description = "`redis` when replicas coordinate through Redis.")
        String mode,
    @Schema(
            required = true,
            description = "The queued job's run id (the waiting one's when already queued).")
        String runId,
    @Schema(required = true) String timestamp)
    implements Body {

  static RunQueued of(TriggerResult.Queued queued, boolean redis, Instant now) {
    String message =
        queued.alreadyQueued()
            ? "A cron job is already queued for background processing"
            : redis
                ? "Cron job queued to Redis for background processing"
                : "Cron job queued for background processing";
    return new RunQueued(
        true,
        message,
        queued.alreadyQueued() ? "already_queued" : "queued",
        redis ? "redis" : "deferred",
        queued.runId(),
        Answers.timestamp(now));
  }
}
