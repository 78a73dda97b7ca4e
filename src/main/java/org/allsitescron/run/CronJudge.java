package org.allsitescron.run;

import io.smallrye.mutiny.Uni;
import org.allsitescron.config.CronConfig.CronCheckMode;
import org.allsitescron.dispatch.SiteResponse;
import org.allsitescron.sites.CronState;
import org.allsitescron.sites.CronWatch;
import org.allsitescron.sites.Site;

/**
 * The cron check of one run: which sites to request ({@code due} mode skips the ones with nothing
 * due or their lock held), and each requested site's cron outcome, judged from its own database
 * rows before and after the request. In mode {@code off} it requests every site and judges none.
 */
final class CronJudge {

  private final CronCheckMode mode;
  private final CronWatch watch;
  private final RunTally tally;
  private final long settleSeconds;

  CronJudge(CronCheckMode mode, CronWatch watch, RunTally tally, long settleSeconds) {
    this.mode = mode;
    this.watch = watch;
    this.tally = tally;
    this.settleSeconds = settleSeconds;
  }

  /** Whether the site is requested: always, but in {@code due} mode only when work is waiting. */
  boolean wants(Site site) {
    if (mode != CronCheckMode.DUE || site.cron() == null || !site.cron().readable()) {
      return true;
    }
    return site.cron().isDue() && !site.cron().isBusy();
  }

  /**
   * The outcome of a site {@code due} mode did not request, under the URL a requested site's
   * outcome has (credentials redacted), so its progress is found and no password is published.
   */
  SiteOutcome notRequested(Site site) {
    CronState state = site.cron();
    CronOutcome cron = state.isBusy() ? CronOutcome.BUSY : CronOutcome.NOT_DUE;
    return new SiteOutcome(
        site.displayUrl(),
        Outcome.NOT_REQUESTED,
        0,
        null,
        0,
        cron,
        state.oldestOverdueSeconds(),
        null);
  }

  /**
   * The final outcome of a requested site. A site that had due events is watched (under its
   * per-host slot) until they are gone and the lock is released, or the settle timeout.
   */
  Uni<SiteOutcome> settle(Site site, SiteResponse response) {
    SiteOutcome answer = SiteOutcome.of(response);
    CronState before = site.cron();
    if (mode == CronCheckMode.OFF || before == null) {
      return Uni.createFrom().item(answer);
    }
    if (!before.readable()) {
      return judged(answer, CronOutcome.UNKNOWN, null, null);
    }
    Long overdue = before.oldestOverdueSeconds();
    if (before.isBusy()) {
      return judged(answer, CronOutcome.BUSY, overdue, null);
    }
    if (!before.isDue()) {
      return judged(answer, CronOutcome.NOT_DUE, overdue, null);
    }
    if (answer.outcome() == Outcome.CONNECT_ERROR || answer.outcome() == Outcome.TLS_ERROR) {
      // Never reached: the events are as due as before, and the error already fails the run.
      return judged(answer, CronOutcome.STILL_DUE, overdue, null);
    }
    return watch.settle(site).map(settled -> fromWatch(answer, before, settled));
  }

  private SiteOutcome fromWatch(SiteOutcome answer, CronState before, CronWatch.Settled settled) {
    if (settled.lockSeen()) {
      tally.lockSeen();
    }
    Long overdue = before.oldestOverdueSeconds();
    if (settled.finished()) {
      return answer.judged(
          answer.outcome(),
          answer.error(),
          CronOutcome.RAN,
          overdue,
          answer.durationMs() + settled.waitedMs());
    }
    if (settled.last() == null) {
      return answer.judged(answer.outcome(), answer.error(), CronOutcome.UNKNOWN, overdue, null);
    }
    int left = settled.last().stillDueOf(before);
    if (left == 0) {
      // The events went; only the lock stayed (someone else's run, or a stuck one).
      return answer.judged(answer.outcome(), answer.error(), CronOutcome.RAN, overdue, null);
    }
    boolean answered = answer.outcome() == Outcome.OK;
    String why =
        "%d of %d events due before the request still due after %d s"
            .formatted(left, before.dueEvents().size(), settleSeconds);
    return answer.judged(
        answered ? Outcome.STILL_DUE : answer.outcome(),
        answered ? "HTTP " + answer.status() + ", but " + why : answer.error() + "; " + why,
        CronOutcome.STILL_DUE,
        overdue,
        null);
  }

  private static Uni<SiteOutcome> judged(
      SiteOutcome answer, CronOutcome cron, Long overdue, Long workMs) {
    return Uni.createFrom()
        .item(answer.judged(answer.outcome(), answer.error(), cron, overdue, workMs));
  }
}
