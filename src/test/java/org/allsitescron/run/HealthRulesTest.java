package org.allsitescron.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.allsitescron.coordination.SiteRecord;
import org.allsitescron.sites.Site;
import org.junit.jupiter.api.Test;

/** The rules of site health with explicit times: windows, skipping, states, and the stored line. */
class HealthRulesTest {

  private static final Site SITE = new Site(7, "https://example.org/a");
  private final HealthRules rules =
      new HealthRules(true, 3, Duration.ofHours(1), Duration.ofMinutes(15));

  @Test
  void windowsDoubleFromTheBaseUpToTheMax() {
    long base = 60_000;
    assertThat(rules.window(1, base)).isEqualTo(60_000);
    assertThat(rules.window(2, base)).isEqualTo(120_000);
    assertThat(rules.window(6, base)).isEqualTo(1_920_000);
    assertThat(rules.window(7, base)).isEqualTo(3_600_000);
    assertThat(rules.window(30, base)).isEqualTo(3_600_000);
  }

  @Test
  void theBaseIsOneRunsIntervalUnlessConfigured() {
    assertThat(rules.baseWindow(Optional.empty(), 0, 1_000_000)).isEqualTo(60_000);
    assertThat(rules.baseWindow(Optional.empty(), 1_000_000, 1_300_000)).isEqualTo(300_000);
    assertThat(rules.baseWindow(Optional.empty(), 1_000_000, 1_000_010)).isEqualTo(1_000);
    assertThat(rules.baseWindow(Optional.empty(), 0, 9_000_000_000L)).isEqualTo(60_000);
    assertThat(rules.baseWindow(Optional.empty(), 1, 9_000_000_000L)).isEqualTo(3_600_000);
    assertThat(rules.baseWindow(Optional.of(Duration.ofSeconds(5)), 1, 2)).isEqualTo(5_000);
  }

  @Test
  void threeDeadLooksBackOffOneSuccessClears() {
    SiteRecord r = null;
    long t = 1_000_000;
    for (int i = 1; i <= 3; i++) {
      r = rules.next(r, SITE, failed(Outcome.CONNECT_ERROR, 0), "", -1, t, 60_000, t + 5);
      t += 60_000;
    }
    assertThat(r.failures()).isEqualTo(3);
    assertThat(r.level()).isEqualTo(1);
    assertThat(r.backoffUntil()).isEqualTo(1_120_000 + 60_000);
    assertThat(rules.state(r, 1_150_000)).isEqualTo(SiteState.BACKOFF);
    assertThat(rules.skips(r, 1_180_000 - 60_000, 60_000)).isTrue();
    // A run a little early for the window's end (within a tenth of the base) requests it.
    assertThat(rules.skips(r, 1_180_000 - 5_000, 60_000)).isFalse();

    r = rules.next(r, SITE, failed(Outcome.HTTP_ERROR, 503), "", -1, 1_180_000, 60_000, 1_180_050);
    assertThat(r.level()).isEqualTo(2);
    assertThat(r.backoffUntil()).isEqualTo(1_180_000 + 120_000);

    r = rules.next(r, SITE, ok(), "", -1, 1_300_000, 60_000, 1_300_050);
    assertThat(r.failures()).isZero();
    assertThat(r.level()).isZero();
    assertThat(r.backoffUntil()).isZero();
    assertThat(rules.state(r, 1_300_100)).isEqualTo(SiteState.OK);
  }

  @Test
  void fourHundredsFailButNeverBackOff() {
    SiteRecord r = null;
    for (int i = 0; i < 5; i++) {
      r = rules.next(r, SITE, failed(Outcome.HTTP_ERROR, 404), "", -1, i, 60_000, i);
    }
    assertThat(r.failures()).isEqualTo(5);
    assertThat(r.backoffUntil()).isZero();
    assertThat(rules.state(r, 10)).isEqualTo(SiteState.FAILING);
  }

  @Test
  void stillDueFailsAndAnOldOverdueEventIsBehind() {
    long now = 10_000_000;
    SiteRecord r = rules.next(null, SITE, ok(), "still_due", 60_000, now, 60_000, now);
    assertThat(r.failures()).isEqualTo(1);
    assertThat(r.streak()).isZero();
    assertThat(r.error()).isEqualTo("cron events still due");
    assertThat(rules.state(r, now)).isEqualTo(SiteState.FAILING);
    assertThat(rules.state(r, now + Duration.ofMinutes(15).toMillis())).isEqualTo(SiteState.BEHIND);

    SiteRecord ran = rules.next(r, SITE, ok(), "ran", 0, now + 1, 60_000, now + 1);
    assertThat(ran.lastRanAt()).isEqualTo(now + 1);
    assertThat(ran.overdueSince()).isZero();
    assertThat(rules.state(ran, now + 3_600_000)).isEqualTo(SiteState.OK);
  }

  @Test
  void cronOutcomesOfTheCronCheckReachTheRecord() {
    long now = 20_000_000;
    SiteOutcome stillDue =
        new SiteOutcome(
            SITE.url(),
            Outcome.STILL_DUE,
            200,
            "HTTP 200, but 1 of 1 events due before the request still due after 60 s",
            3,
            CronOutcome.STILL_DUE,
            120L,
            null);
    CronLook look = CronLook.of(stillDue);
    assertThat(look).isEqualTo(new CronLook("still_due", 120_000));
    SiteRecord r = null;
    for (int i = 0; i < 5; i++) {
      r = rules.next(r, SITE, stillDue, look.cron(), look.overdueAgeMs(), now, 60_000, now);
    }
    // still_due fails (the site answers) but never backs off.
    assertThat(HealthRules.isDead(stillDue)).isFalse();
    assertThat(r.failures()).isEqualTo(5);
    assertThat(r.backoffUntil()).isZero();
    assertThat(r.overdueSince()).isEqualTo(now - 120_000);
    assertThat(r.error()).startsWith("HTTP 200, but 1 of 1");
    assertThat(rules.state(r, now)).isEqualTo(SiteState.FAILING);

    // Cron ran: the outcome still carries the age the events had before the request (for the
    // report), yet nothing is overdue after it.
    SiteOutcome ran =
        new SiteOutcome(SITE.url(), Outcome.OK, 200, null, 3, CronOutcome.RAN, 120L, 900L);
    CronLook ranLook = CronLook.of(ran);
    SiteRecord afterRun =
        rules.next(r, SITE, ran, ranLook.cron(), ranLook.overdueAgeMs(), now, 60_000, now);
    assertThat(afterRun.overdueSince()).isZero();
    assertThat(afterRun.lastRanAt()).isEqualTo(now);
    assertThat(rules.state(afterRun, now + 3_600_000)).isEqualTo(SiteState.OK);

    // due mode, nothing due: not requested, a healthy look that clears the failures.
    SiteOutcome notRequested =
        new SiteOutcome(
            SITE.url(), Outcome.NOT_REQUESTED, 0, null, 0, CronOutcome.NOT_DUE, 0L, null);
    CronLook idle = CronLook.of(notRequested);
    assertThat(idle).isEqualTo(new CronLook("not_due", 0));
    assertThat(HealthRules.isDead(notRequested)).isFalse();
    SiteRecord cleared =
        rules.next(
            r, SITE, notRequested, idle.cron(), idle.overdueAgeMs(), now + 1, 60_000, now + 1);
    assertThat(cleared.failures()).isZero();
    assertThat(cleared.overdueSince()).isZero();
    assertThat(rules.state(cleared, now + 3_600_000)).isEqualTo(SiteState.OK);

    assertThat(CronLook.of(ok())).isEqualTo(CronLook.NONE);
  }

  @Test
  void anotherUrlUnderTheSameIdIsAnotherSite() {
    SiteRecord old = rules.next(null, SITE, failed(Outcome.TIMEOUT, 0), "", -1, 1, 1_000, 1);
    SiteRecord moved =
        rules.next(
            old,
            new Site(7, "https://example.org/b"),
            failed(Outcome.TIMEOUT, 0),
            "",
            -1,
            2,
            1_000,
            2);
    assertThat(moved.failures()).isEqualTo(1);
  }

  @Test
  void theStoredLineRoundTrips() {
    SiteRecord r =
        new SiteRecord(
            42,
            "https://ex.org/a|b",
            "connect_error",
            0,
            "refused | twice\nreally",
            "",
            1,
            2,
            3,
            4,
            5,
            6,
            7);
    SiteRecord back = SiteRecord.decode(42, r.encode()).orElseThrow();
    assertThat(back.url()).isEqualTo("https://ex.org/a b");
    assertThat(back.error()).isEqualTo("refused | twice really");
    assertThat(back).usingRecursiveComparison().ignoringFields("url").isEqualTo(r);
    assertThat(SiteRecord.decode(42, "2|x")).isEmpty();
    assertThat(SiteRecord.decode(42, "1|ok|x|||||||||u|")).isEmpty();
  }

  private static SiteOutcome failed(Outcome outcome, int status) {
    return new SiteOutcome(SITE.url(), outcome, status, "boom", 3);
  }

  private static SiteOutcome ok() {
    return new SiteOutcome(SITE.url(), Outcome.OK, 200, null, 3);
  }
}
