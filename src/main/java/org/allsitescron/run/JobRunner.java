package org.allsitescron.run;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicInteger;
import org.allsitescron.config.CronConfig;
import org.allsitescron.coordination.Job;
import org.allsitescron.coordination.JobQueue;

/**
 * Takes one due job and carries it out: runs it under the lock, or, when the lock is busy, puts it
 * back for a later attempt; past {@code max-retries}, or when unreadable, into the dead-letter
 * list. A job leaves the consumer's processing list only in one of those three ways.
 */
@ApplicationScoped
public class JobRunner {

  private final JobQueue queue;
  private final RunService runs;
  private final int maxRetries;
  private final long retrySpacingMillis;
  private final AtomicInteger inProgress = new AtomicInteger();

  JobRunner(JobQueue queue, RunService runs, CronConfig config) {
    this.queue = queue;
    this.runs = runs;
    this.maxRetries = config.redis().maxRetries();
    this.retrySpacingMillis = Job.retrySpacing(config.lockTimeout(), maxRetries).toMillis();
  }

  /**
   * Runs the next due job as {@code consumer}, to the end even if the caller stops waiting.
   *
   * @param trigger the trigger to record, or null for the job's own ({@code rest-deferred} or
   *     {@code queue})
   */
  public Uni<JobResult> runNext(String consumer, Trigger trigger) {
    return RunService.detached(takeAndCarryOut(consumer, trigger));
  }

  private Uni<JobResult> takeAndCarryOut(String consumer, Trigger trigger) {
    // The first caller in (worker or /process-queue) knows nothing of this consumer is running.
    boolean alone = inProgress.incrementAndGet() == 1;
    Uni<Integer> leftovers = alone ? queue.restore(consumer) : Uni.createFrom().item(0);
    return leftovers
        .chain(() -> queue.take(consumer))
        .chain(
            job ->
                job.isPresent()
                    ? carryOut(consumer, job.get(), trigger)
                    : Uni.createFrom().item((JobResult) new JobResult.NoJob()))
        .eventually(inProgress::decrementAndGet);
  }

  private Uni<JobResult> carryOut(String consumer, Job job, Trigger trigger) {
    if (job.isMalformed()) {
      return bury(consumer, job, "malformed job: " + job.malformed());
    }
    Trigger recorded = trigger != null ? trigger : Trigger.fromLabel(job.trigger());
    return runs.runIfFree(job.runId(), recorded)
        .chain(
            report ->
                report.isPresent()
                    ? settle(consumer, job, report.get())
                    : retryLater(consumer, job));
  }

  /** Done, unless the run was cut short by a shutdown: then it waits, unchanged, for a replica. */
  private Uni<JobResult> settle(String consumer, Job job, RunReport report) {
    Uni<Void> settled =
        RunService.SHUTDOWN.equals(report.abortReason())
            ? queue.requeue(consumer, job, job)
            : queue.done(consumer, job);
    return settled.replaceWith(new JobResult.Ran(report));
  }

  private Uni<JobResult> retryLater(String consumer, Job job) {
    if (job.retries() >= maxRetries) {
      return bury(consumer, job, "lock still held after " + job.retries() + " retries");
    }
    Job retried = job.retried(System.currentTimeMillis() + retrySpacingMillis);
    return queue
        .requeue(consumer, job, retried)
        .invoke(
            () ->
                Log.infof(
                    "Job %s waits for the lock (retry %d/%d)",
                    job.runId(), retried.retries(), maxRetries))
        .replaceWith(new JobResult.Requeued(job.runId(), retried.retries()));
  }

  private static String shorten(String raw) {
    return raw.length() <= 200 ? raw : raw.substring(0, 200) + "…";
  }

  private Uni<JobResult> bury(String consumer, Job job, String reason) {
    return queue
        .bury(consumer, job, reason)
        .invoke(
            () ->
                Log.warnf("Job moved to the dead-letter list: %s (%s)", reason, shorten(job.raw())))
        .replaceWith(new JobResult.Buried(job.runId(), reason));
  }
}
