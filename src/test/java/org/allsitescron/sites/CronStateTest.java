package org.allsitescron.sites;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Judging WordPress's {@code cron} option and {@code doing_cron} lock at the database's time. */
class CronStateTest {

  private static final long NOW = 1_764_640_000L;

  /** The shape WordPress writes: timestamp => hook => args key => event, plus version. */
  private static String cron(long... timestamps) {
    StringBuilder s = new StringBuilder("a:" + (timestamps.length + 1) + ":{");
    for (long ts : timestamps) {
      s.append("i:")
          .append(ts)
          .append(";a:1:{s:4:\"tick\";a:1:{s:32:\"40cd750bba9870f18aada2478b24840a\";")
          .append("a:2:{s:8:\"schedule\";b:0;s:4:\"args\";a:0:{}}}}");
    }
    return s.append("s:7:\"version\";i:2;}").toString();
  }

  @Test
  void dueIsJudgedWithTheDatabaseClockInclusive() {
    CronState state = CronState.of(cron(NOW - 120, NOW, NOW + 1), null, NOW, 60);

    assertThat(state.readable()).isTrue();
    assertThat(state.isDue()).isTrue();
    assertThat(state.dueCount()).isEqualTo(2);
    assertThat(state.oldestOverdueSeconds()).isEqualTo(120);
    assertThat(state.isBusy()).isFalse();
  }

  @Test
  void nothingDueAndNoOptionMeanNotDue() {
    assertThat(CronState.of(cron(NOW + 60), null, NOW, 60).isDue()).isFalse();
    CronState none = CronState.of(null, null, NOW, 60);
    assertThat(none.readable()).isTrue();
    assertThat(none.isDue()).isFalse();
    assertThat(none.oldestOverdueSeconds()).isZero();
  }

  @Test
  void aFreshLockIsBusyAStaleOneIsNot() {
    assertThat(CronState.of(cron(), "%.22f".formatted(NOW - 5.5), NOW, 60).isBusy()).isTrue();
    assertThat(CronState.of(cron(), String.valueOf(NOW - 61), NOW, 60).isBusy()).isFalse();
    assertThat(CronState.of(cron(), "not a number", NOW, 60).isBusy()).isFalse();
  }

  @Test
  void eventsGoneOrRescheduledAreNoLongerStillDue() {
    CronState before = CronState.of(cron(NOW - 60, NOW - 30), null, NOW, 60);

    assertThat(CronState.of(cron(NOW - 60, NOW - 30), null, NOW + 5, 60).stillDueOf(before))
        .isEqualTo(2);
    // One ran, the other was rescheduled to the future (a recurring event).
    assertThat(CronState.of(cron(NOW + 3600), null, NOW + 5, 60).stillDueOf(before)).isZero();
    assertThat(CronState.of(cron(NOW - 30), null, NOW + 5, 60).stillDueOf(before)).isEqualTo(1);
  }

  @Test
  void anythingButWordpressShapeIsUnknownNeverAnException() {
    for (String value :
        new String[] {
          "garbage",
          "s:3:\"abc\";",
          "a:1:{s:3:\"foo\";a:0:{}}",
          "a:1:{i:5;s:3:\"abc\";}",
          "a:1:{i:5;a:1:{s:4:\"tick\";i:1;}}",
          "O:8:\"stdClass\":0:{}",
          cron(NOW).substring(0, 40)
        }) {
      CronState state = CronState.of(value, null, NOW, 60);
      assertThat(state.readable()).as(value).isFalse();
      assertThat(state.problem()).as(value).isNotBlank();
      assertThat(state.oldestOverdueSeconds()).isNull();
    }
  }
}
