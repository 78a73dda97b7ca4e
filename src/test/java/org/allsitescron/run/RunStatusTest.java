package org.allsitescron.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.allsitescron.coordination.LockState;
import org.junit.jupiter.api.Test;

/** A report says {@code running} only while its run holds the lock. */
class RunStatusTest {

  private static RunReport report(String id, RunState state) {
    return new RunReport(
        id, Trigger.REST, state, Instant.EPOCH, null, 10, 5, 2, 2, 0, 0, List.of(), 7, null);
  }

  @Test
  void aRunningReportWhoseRunHoldsTheLockIsRunning() {
    RunReport running = report("r1", RunState.RUNNING);

    assertThat(RunStatus.truthful(running, new LockState(true, "r1", 1000))).isEqualTo(running);
  }

  @Test
  void aRunningReportWithoutItsLockIsShownAbortedWithTheReason() {
    RunReport running = report("r1", RunState.RUNNING);

    for (LockState lock : List.of(LockState.free(), new LockState(true, "r2", 1000))) {
      RunReport shown = RunStatus.truthful(running, lock);
      assertThat(shown.state()).isEqualTo(RunState.ABORTED);
      assertThat(shown.abortReason()).isEqualTo(RunStatus.LEASE_GONE);
      assertThat(shown.count()).isEqualTo(2);
    }
  }

  @Test
  void anEndedReportIsShownAsItIs() {
    RunReport finished = report("r1", RunState.FINISHED);

    assertThat(RunStatus.truthful(finished, LockState.free())).isEqualTo(finished);
  }
}
