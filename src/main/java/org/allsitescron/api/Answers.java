package org.allsitescron.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;
import org.allsitescron.run.JobResult;
import org.allsitescron.run.Preview;
import org.allsitescron.run.RunReport;
import org.allsitescron.run.RunState;
import org.allsitescron.run.TriggerResult;

/** Turns results into HTTP answers: the records' JSON, or GitHub Actions text for ga=1. */
final class Answers {

  static final MediaType GA_TEXT = MediaType.valueOf("text/plain; charset=utf-8");

  private Answers() {}

  /** {@code body} as JSON, or for ga=1 the text {@code ga} makes. */
  static Response of(boolean ga, int status, Body body, Supplier<String> text) {
    return ga
        ? Response.status(status).type(GA_TEXT).entity(text.get()).build()
        : Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
  }

  /** The answer to an admitted {@code /run}; refusals are thrown as {@link ApiError}s. */
  static Response trigger(TriggerResult result, boolean ga, boolean redis) {
    return result.fold(
        ran -> ran(ran.report(), ga),
        queued -> queued(RunQueued.of(queued, redis, Instant.now()), ga),
        limited -> {
          throw ApiError.rateLimited(limited, Instant.now());
        },
        locked -> {
          throw ApiError.locked();
        });
  }

  static Response job(JobResult result, boolean ga) {
    return result.fold(
        noJob -> message(QueueMessage.noJob(Instant.now()), ga),
        ran -> ran(ran.report(), ga),
        requeued -> {
          throw ApiError.requeued(requeued.retries());
        },
        buried -> message(QueueMessage.buried(buried.runId(), buried.reason(), Instant.now()), ga));
  }

  static Response ran(RunReport report, boolean ga) {
    if (report.state() == RunState.ABORTED) {
      throw ApiError.aborted(report);
    }
    return of(
        ga,
        200,
        RunFinished.of(report, Instant.now()),
        () ->
            report.count() == 0
                ? GithubActionsText.message(200, RunFinished.NO_SITES)
                : GithubActionsText.report(report));
  }

  static Response preview(Preview preview, boolean ga) {
    return of(
        ga,
        200,
        DryRun.of(preview),
        () -> GithubActionsText.message(200, "Dry run: " + preview.count() + " sites"));
  }

  private static Response queued(RunQueued body, boolean ga) {
    return of(ga, 202, body, () -> GithubActionsText.message(202, body.message()));
  }

  private static Response message(QueueMessage body, boolean ga) {
    return of(ga, 200, body, () -> GithubActionsText.message(200, body.message()));
  }

  /** A timestamp as the answers give it: ISO 8601, UTC, whole seconds. */
  static String timestamp(Instant now) {
    return now.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
