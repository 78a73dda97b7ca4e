package org.allsitescron.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The {@code 200} of {@code /process-queue} when no run took place. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A message of `/process-queue` when no run took place.")
public record QueueMessage(
    @Schema(required = true) boolean success,
    @Schema(
            required = true,
            description = "`No jobs in queue`, or `Job moved to the dead-letter list: <reason>`.")
        String message,
    @Schema(description = "The buried job's run id.") String runId,
    @Schema(required = true) String timestamp)
    implements Body {

  static QueueMessage noJob(Instant now) {
    return new QueueMessage(true, "No jobs in queue", null, Answers.timestamp(now));
  }

  static QueueMessage buried(String runId, String reason, Instant now) {
    return new QueueMessage(
        false,
        "Job moved to the dead-letter list: " + reason,
        String.valueOf(runId),
        Answers.timestamp(now));
  }
}
