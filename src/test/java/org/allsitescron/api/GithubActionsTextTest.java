package org.allsitescron.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.allsitescron.run.CronCounts;
import org.allsitescron.run.Outcome;
import org.allsitescron.run.RunReport;
import org.allsitescron.run.RunState;
import org.allsitescron.run.SiteOutcome;
import org.allsitescron.run.Trigger;
import org.junit.jupiter.api.Test;

class GithubActionsTextTest {

  @Test
  void escapesPercentCarriageReturnAndLineFeed() {
    assertThat(GithubActionsText.escapeData("100% done\r\n::error::x"))
        .isEqualTo("100%25 done%0D%0A::error::x");
  }

  @Test
  void statusPicksTheCommand() {
    assertThat(GithubActionsText.message(202, "queued")).isEqualTo("::notice::queued\n");
    assertThat(GithubActionsText.message(409, "busy")).isEqualTo("::warning::busy\n");
    assertThat(GithubActionsText.message(429, "later")).isEqualTo("::error::later\n");
  }

  @Test
  void listsAtMostFiftyFailedSitesThenCountsTheRest() {
    List<SiteOutcome> failed = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      failed.add(
          new SiteOutcome("https://s" + i + ".example", Outcome.HTTP_ERROR, 500, "HTTP 500", 3));
    }
    failed.add(new SiteOutcome("https://slow.example", Outcome.TIMEOUT, 0, "no answer", 5000));
    RunReport report =
        new RunReport(
            "r1",
            Trigger.REST,
            RunState.FINISHED,
            Instant.EPOCH,
            Instant.EPOCH,
            12,
            70,
            70,
            4,
            65,
            1,
            failed,
            1,
            null);

    List<String> lines = GithubActionsText.report(report).lines().toList();

    assertThat(lines.get(0)).isEqualTo("::notice::Running wp-cron on 70 sites");
    assertThat(lines).filteredOn(l -> l.startsWith("::error title=wp-cron failed::")).hasSize(50);
    assertThat(lines).contains("::error::and 15 more failed sites");
    assertThat(lines).contains("::warning::https://slow.example timeout: no answer");
    assertThat(lines.get(lines.size() - 1))
        .isEqualTo(
            "::error::Completed with 65 error(s): 70 sites, 4 ok, 65 errors, 1 timeouts in 12 ms (run r1)");
  }

  @Test
  void timedOutAndStillDueSitesAreListedApartWithTheirOwnRestInAnyLocale() {
    List<SiteOutcome> failed = new ArrayList<>();
    for (int i = 0; i < 55; i++) {
      failed.add(new SiteOutcome("https://t" + i + ".example", Outcome.TIMEOUT, 0, "no answer", 9));
      failed.add(
          new SiteOutcome("https://d" + i + ".example", Outcome.STILL_DUE, 200, "still due", 9));
    }
    CronCounts cron = new CronCounts("verify", 0, 60, 0, 0, 0, 0, 0);
    RunReport report =
        new RunReport(
            "r2",
            Trigger.REST,
            RunState.FINISHED,
            Instant.EPOCH,
            Instant.EPOCH,
            12,
            120,
            120,
            60,
            0,
            60,
            0,
            failed,
            1,
            null,
            null,
            0,
            120,
            cron);
    Locale before = Locale.getDefault();
    Locale.setDefault(Locale.forLanguageTag("ar-EG-u-nu-arab"));
    List<String> lines;
    try {
      lines = GithubActionsText.report(report).lines().toList();
    } finally {
      Locale.setDefault(before);
    }

    assertThat(lines).filteredOn(l -> l.startsWith("::warning::https://t")).hasSize(50);
    assertThat(lines).contains("::warning::and 10 more timed-out sites");
    assertThat(lines)
        .filteredOn(l -> l.startsWith("::warning title=cron did not run::https://d"))
        .hasSize(50);
    assertThat(lines).contains("::warning::and 10 more sites whose cron did not run");
    assertThat(lines).noneMatch(l -> l.startsWith("::error"));
    assertThat(lines.get(lines.size() - 1))
        .isEqualTo(
            "::warning::Done: 120 sites, 60 ok, 0 errors, 60 timeouts; 120 requested, cron verify:"
                + " 0 ran, 60 still due, 0 not due, 0 busy, 0 unknown in 12 ms (run r2)");
  }
}
