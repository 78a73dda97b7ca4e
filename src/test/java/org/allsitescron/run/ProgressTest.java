package org.allsitescron.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.allsitescron.sites.Site;
import org.junit.jupiter.api.Test;

/** The checkpoint cursor: it never passes a site that is not done. */
class ProgressTest {

  private static Site site(long id) {
    return new Site(id, "https://s" + id + ".example");
  }

  @Test
  void theCursorStopsAtTheFirstSiteStillInFlight() {
    Progress progress = new Progress(url -> url);
    for (long id = 1; id <= 4; id++) {
      assertThat(progress.take(site(id))).isTrue();
    }
    progress.done(site(2).url());
    progress.done(site(4).url());
    assertThat(progress.checkpoint(null)).isEqualTo(new Checkpoint(0, 0, List.of(2L, 4L), null));

    progress.done(site(1).url());
    assertThat(progress.checkpoint(null)).isEqualTo(new Checkpoint(2, 2, List.of(4L), null));

    progress.done(site(3).url());
    assertThat(progress.checkpoint(null)).isEqualTo(new Checkpoint(4, 4, List.of(), null));
    assertThat(progress.inFlight()).isZero();
  }

  @Test
  void aResumedRunSkipsWhatWasDoneAndNeverJumpsOverWhatWasNot() {
    Progress progress = new Progress(new Checkpoint(2, 2, List.of(5L), null), url -> url);

    assertThat(progress.take(site(3))).isTrue();
    // 4 not emitted yet: 5 stays beyond the cursor even with nothing in flight after 3 is done.
    progress.done(site(3).url());
    assertThat(progress.checkpoint(null)).isEqualTo(new Checkpoint(3, 3, List.of(5L), null));
    assertThat(progress.take(site(4))).isTrue();
    assertThat(progress.take(site(5))).as("done before the resume").isFalse();
    assertThat(progress.checkpoint(null)).isEqualTo(new Checkpoint(3, 3, List.of(5L), null));
    progress.done(site(4).url());
    assertThat(progress.checkpoint(null)).isEqualTo(new Checkpoint(5, 5, List.of(), null));
  }

  @Test
  void aSiteTakenButNeverSentHoldsTheCursorBack() {
    Progress progress = new Progress(url -> url);
    progress.take(site(1));
    progress.take(site(2));
    progress.done(site(2).url());
    // Site 1 was refused at the last moment (the run stopped): it stays "in flight", not done.
    assertThat(progress.checkpoint(null)).isEqualTo(new Checkpoint(0, 0, List.of(2L), null));
  }
}
