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
                new Snapshot(
                    mode.label(),
                    current.filter(run -> holds(lockState, run)),
                    depth,
                    lockState,
                    cooldown,
                    truthful(recent, lockState)));
  }

  /** The most recent reports, newest first. */
  public Uni<List<RunReport>> recent(int limit) {
    return Uni.combine()
        .all()
        .unis(reports.recent(limit), lock.inspect())
        .with(RunStatus::truthful);
  }

  /** One run's report. */
  public Uni<Optional<RunReport>> find(String runId) {
    return Uni.combine()
        .all()
        .unis(reports.find(runId), lock.inspect())
        .with((found, lockState) -> found.map(report -> truthful(report, lockState)));
  }

  /**
   * A run is running only while it holds the lock (its owner token is its run id): a report left
   * {@code running} by a replica that died, or whose final report Redis refused, shows as {@code
   * aborted} once its lease is gone, never as a run in progress.
   */
  static RunReport truthful(RunReport report, LockState lockState) {
    if (report.state() != RunState.RUNNING || holds(lockState, report)) {
      return report;
    }
    return report.abortedUnlessSo(LEASE_GONE);
  }

  private static List<RunReport> truthful(List<RunReport> list, LockState lockState) {
    return list.stream().map(report -> truthful(report, lockState)).toList();
  }

  private static boolean holds(LockState lockState, RunReport run) {
    return lockState.held() && run.runId().equals(lockState.owner());
  }

  /** Why a report still marked {@code running} is shown {@code aborted}. */
  static final String LEASE_GONE =
      "lease gone: no replica holds this run's lock (the replica stopped, or Redis refused its"
          + " final report)";

  /** The state {@code /status} shows. */
  public record Snapshot(
      String coordination,
      Optional<RunReport> current,
      QueueDepth queue,
      LockState lock,
      long cooldownRemainingSeconds,
      List<RunReport> recent) {}
}
