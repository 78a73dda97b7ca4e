package org.allsitescron.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.subscription.BackPressureFailure;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.allsitescron.sites.SiteSourceUnavailableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How a run that cannot go on is reported: only the site source's own failure reads as {@code site
 * source failed}; anything else that breaks the run's stream is an internal error, with an id the
 * log carries beside the stack trace.
 */
class RunServiceTest {

  private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
  private final Logger logger = Logger.getLogger(RunService.class.getName());
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          logged.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeEach
  void captureTheLog() {
    logger.addHandler(capture);
  }

  @AfterEach
  void release() {
    logger.removeHandler(capture);
  }

  @Test
  void aBrokenStreamIsAnInternalErrorWithTheIdOfItsLoggedStackTrace() {
    RunTally tally = tally();
    BackPressureFailure bug = new BackPressureFailure("Cannot emit item due to lack of requests");

    RunService.stopped(tally, bug);

    RunReport report = tally.finish();
    assertThat(report.state()).isEqualTo(RunState.ABORTED);
    assertThat(report.sourceFailure()).isNull();
    assertThat(report.abortReason()).startsWith("internal error (error id ");
    String errorId = report.internalErrorId();
    assertThat(errorId).matches("[0-9a-f-]{36}");
    LogRecord line =
        logged.stream()
            .filter(r -> r.getLevel().intValue() >= Level.SEVERE.intValue())
            .findFirst()
            .orElseThrow();
    assertThat(line.getThrown()).isSameAs(bug);
    assertThat(formatted(line)).contains(errorId).contains(report.runId());
  }

  @Test
  void onlyTheSourcesOwnFailureReadsAsSiteSourceFailed() {
    RunTally tally = tally();

    RunService.stopped(tally, SiteSourceUnavailableException.of(new IllegalStateException("x")));

    RunReport report = tally.finish();
    assertThat(report.abortReason()).startsWith(RunReport.SOURCE_FAILED + " (error)");
    assertThat(report.sourceFailure()).isEqualTo(SiteSourceUnavailableException.Reason.ERROR);
    assertThat(report.internalErrorId()).isNull();
    assertThat(logged).noneMatch(r -> r.getLevel().intValue() >= Level.SEVERE.intValue());
  }

  private static RunTally tally() {
    RunTally tally = new RunTally("r-broken", Trigger.REST, 1);
    tally.expect(10);
    return tally;
  }

  private static String formatted(LogRecord record) {
    Object[] parameters = record.getParameters();
    String message = record.getMessage();
    return parameters == null ? message : String.format(message, parameters) + message;
  }
}
