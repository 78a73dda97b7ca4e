package org.allsitescron.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunReportTest {

  private static final Instant START = Instant.parse("2026-12-02T06:00:00Z");

  private static RunReport finished() {
    return new RunReport(
        "r-1",
        Trigger.QUEUE,
        RunState.FINISHED,
        START,
        START.plusSeconds(3),
        3_000,
        40,
        40,
        30,
        1,
        2,
        3,
        List.of(),
        7,
        null,
        new ResumedFrom(120, 18),
        4,
        25,
        new CronCounts("due", 20, 1, 15, 2, 2, 19, 3_600));
  }

  @Test
  void anAbortedReportKeepsEveryCountOfTheRun() {
    RunReport aborted = finished().abortedUnlessSo("lock lost");

    assertThat(aborted.state()).isEqualTo(RunState.ABORTED);
    assertThat(aborted.abortReason()).isEqualTo("lock lost");
    assertThat(aborted)
        .usingRecursiveComparison()
        .ignoringFields("state", "abortReason")
        .isEqualTo(finished());
  }

  @Test
  void aReportAlreadyAbortedKeepsItsOwnReason() {
    RunReport first = finished().abortedUnlessSo("lock unconfirmed");

    assertThat(first.abortedUnlessSo("shutdown").abortReason()).isEqualTo("lock unconfirmed");
  }
}
