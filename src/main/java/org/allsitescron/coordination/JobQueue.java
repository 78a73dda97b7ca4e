package org.allsitescron.coordination;

import io.smallrye.mutiny.Uni;
import java.util.Optional;

/**
 * The deferred jobs. Each change of a job's state is one verb; a taken job sits in its consumer's
 * processing list until it is {@code done}, {@code requeue}d or {@code bury}ied, so a consumer that
 * dies leaves it to be recovered, never lost.
 */
public interface JobQueue {

  /**
   * Moves the first job that is due into {@code consumer}'s processing list; a job not due yet
   * never holds up those behind it. A job waits for its {@code retry_at} only while the run lock is
   * held, and one whose {@code retry_at} lies beyond any retry goes to the dead-letter list.
   */
  Uni<Optional<Job>> take(String consumer);

  /** Removes a finished job from {@code consumer}'s processing list. */
  Uni<Void> done(String consumer, Job job);

  /** Puts {@code job} (already carrying its new retry count) back at the end of the queue. */
  Uni<Void> requeue(String consumer, Job taken, Job job);

  /** Moves a job that cannot be run to the dead-letter list, with the reason. */
  Uni<Void> bury(String consumer, Job job, String reason);

  /** Queue and dead-letter lengths. */
  Uni<QueueDepth> depth();

  /**
   * Puts back into the queue the jobs {@code consumer} itself still holds; called when it has none
   * in progress, they are leftovers of a step that failed half-way (Redis gone between take and
   * settle). Returns how many were put back.
   */
  Uni<Integer> restore(String consumer);

  /** Tells the others that {@code consumer} is alive, so its jobs are not taken back. */
  Uni<Void> heartbeat(String consumer);

  /**
   * Puts back into the queue every job held by a consumer that is gone (no heartbeat); returns how
   * many were put back.
   */
  Uni<Integer> recoverOrphans();
}
