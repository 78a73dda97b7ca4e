package org.allsitescron.run;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import org.allsitescron.coordination.Admission;
import org.allsitescron.coordination.CoordinationMode;
import org.allsitescron.coordination.JobQueue;
import org.allsitescron.coordination.LockState;
import org.allsitescron.coordination.QueueDepth;
import org.allsitescron.coordination.RunLock;

/** Gathers what {@code /status} shows from the coordination seams and the report store. */
@ApplicationScoped
public class RunStatus {

  /** Reports {@code /status} shows under {@code recent_runs}. */
  static final int RECENT_IN_STATUS = 10;

  private final CoordinationMode mode;
  private final RunReports reports;
  private final JobQueue queue;
  private final RunLock lock;
  private final Admission admission;

  RunStatus(
      CoordinationMode mode,
      RunReports reports,
      JobQueue queue,
      RunLock lock,
      Admission admission) {
    this.mode = mode;
    this.reports = reports;
    this.queue = queue;
    this.lock = lock;
    this.admission = admission;
  }

  /** Everything {@code /status} shows, read now. */
  public Uni<Snapshot> snapshot() {
    return Uni.combine()
        .all()
        .unis(
            reports.current(),
            queue.depth(),
            lock.inspect(),
            admission.cooldownRemaining(),
            reports.recent(RECENT_IN_STATUS))
        .with(
            (current, depth, lockState, cooldown, recent) ->
                new Snapshot(mode.label(), current, depth, lockState, cooldown, recent));
  }

  /** The most recent reports, newest first. */
  public Uni<List<RunReport>> recent(int limit) {
    return reports.recent(limit);
  }

  /** One run's report. */
  public Uni<Optional<RunReport>> find(String runId) {
    return reports.find(runId);
  }

  /** The state {@code /status} shows. */
  public record Snapshot(
      String coordination,
      Optional<RunReport> current,
      QueueDepth queue,
      LockState lock,
      long cooldownRemainingSeconds,
      List<RunReport> recent) {}
}
