package org.allsitescron.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.allsitescron.config.CronConfig.CronCheckMode;
import org.allsitescron.dispatch.Dispatcher;
import org.allsitescron.sites.CronState;
import org.allsitescron.sites.Site;
import org.junit.jupiter.api.Test;

/** The outcome of a site that {@code due} mode does not request. */
class CronJudgeTest {

  @Test
  void aSiteNotRequestedIsReportedUnderItsRedactedUrlAndIsDoneForTheCheckpoint() {
    Site site =
        new Site(7, "https://cron:s3cr3t@a.example/blog/", CronState.of(null, null, 1_000, 60));
    CronJudge judge = new CronJudge(CronCheckMode.DUE, null, null, 60);
    assertThat(judge.wants(site)).as("nothing due").isFalse();

    SiteOutcome outcome = judge.notRequested(site);

    assertThat(outcome.outcome()).isEqualTo(Outcome.NOT_REQUESTED);
    // The same URL as a requested site's outcome: no password in events or reports.
    assertThat(outcome.url())
        .isEqualTo("https://cron:***@a.example/blog")
        .isEqualTo(Dispatcher.reportedUrl(site.url()));
    Progress progress = new Progress(Dispatcher::reportedUrl);
    progress.take(site);
    progress.done(outcome.url());
    assertThat(progress.inFlight()).as("the checkpoint cursor may pass the site").isZero();
  }
}
