package org.allsitescron.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** "First reason wins", with every thread aborting at the same moment. */
class RunTallyTest {

  private static final int THREADS = 8;
  private static final int ROUNDS = 2_000;

  @Test
  void ofSimultaneousAbortsExactlyOneWinsAndItsReasonIsTheOneReported() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      for (int round = 0; round < ROUNDS; round++) {
        RunTally tally = new RunTally("r", Trigger.REST, 1);
        tally.expect(10);
        CyclicBarrier start = new CyclicBarrier(THREADS);
        List<Future<Boolean>> won = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          String reason = "reason-" + t;
          won.add(
              pool.submit(
                  () -> {
                    start.await(10, TimeUnit.SECONDS);
                    return tally.abort(reason);
                  }));
        }
        List<Integer> winners = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          if (won.get(t).get(10, TimeUnit.SECONDS)) {
            winners.add(t);
          }
        }

        assertThat(winners).as("round %d", round).hasSize(1);
        RunReport report = tally.finish();
        assertThat(report.state()).isEqualTo(RunState.ABORTED);
        assertThat(report.abortReason()).isEqualTo("reason-" + winners.get(0));
        assertThat(tally.abort("late")).isFalse();
        assertThat(tally.finish().abortReason()).isEqualTo("reason-" + winners.get(0));
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
