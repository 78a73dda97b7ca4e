package org.allsitescron.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
}
