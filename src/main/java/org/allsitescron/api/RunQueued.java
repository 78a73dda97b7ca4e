package org.allsitescron.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
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
    @Schema(required = true) State status,
    @Schema(required = true, description = "`redis` when replicas coordinate through Redis.")
        Mode mode,
    @JsonProperty("run_id")
        @Schema(
            required = true,
            description = "The queued job's run id (the waiting one's when already queued).")
        String runId,
    @Schema(required = true) String timestamp) {

  /** Whether this trigger's job was queued or one was already waiting. */
  public enum State {
    QUEUED("queued"),
    ALREADY_QUEUED("already_queued");

    private final String label;

    State(String label) {
      this.label = label;
    }

    @JsonValue
    public String label() {
      return label;
    }
  }

  /** Where the job waits. */
  public enum Mode {
    REDIS("redis"),
    DEFERRED("deferred");

    private final String label;

    Mode(String label) {
      this.label = label;
    }

    @JsonValue
    public String label() {
      return label;
    }
  }

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
        queued.alreadyQueued() ? State.ALREADY_QUEUED : State.QUEUED,
        redis ? Mode.REDIS : Mode.DEFERRED,
        queued.runId(),
        Answers.timestamp(now));
  }
}
