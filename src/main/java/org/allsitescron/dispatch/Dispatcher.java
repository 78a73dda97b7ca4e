package org.allsitescron.dispatch;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.allsitescron.config.CronConfig;

/**
 * The fan-out of one run: every site URL becomes one {@code wp-cron.php} request, at most {@code
 * concurrency} in flight overall and {@code per-host-concurrency} per host, paced per host when
 * {@code per-host-rate} is set. Sites are pulled from upstream only as slots free up, so a run over
 * any number of sites holds about {@code concurrency} of them at once.
 */
@ApplicationScoped
public class Dispatcher {

  private final WpCronClient client;
  private final int concurrency;
  private final int perHostConcurrency;
  private final double perHostRate;

  Dispatcher(WpCronClient client, CronConfig config) {
    this.client = client;
    this.concurrency = config.concurrency();
    this.perHostConcurrency = config.effectivePerHostConcurrency();
    this.perHostRate = config.perHostRate();
  }

  /** One outcome per site URL, in completion order. */
  public Multi<SiteOutcome> dispatch(Multi<String> siteUrls) {
    return dispatch(siteUrls, url -> true);
  }

  /** The URL a site's outcome reports it under (credentials redacted, trailing slashes dropped). */
  public static String reportedUrl(String siteUrl) {
    return CronTarget.of(siteUrl).displayUrl();
  }

  /**
   * One outcome per site URL that {@code mayStart} still allows at the moment its request would be
   * sent (after any wait for its host); a site it refuses is dropped, with no outcome.
   */
  public Multi<SiteOutcome> dispatch(Multi<String> siteUrls, Predicate<String> mayStart) {
    HostGate gate = new HostGate(perHostConcurrency, perHostRate);
    return siteUrls.onItem().transformToUni(url -> request(gate, url, mayStart)).merge(concurrency);
  }

  /** A refused site's Uni emits null, which the merge skips. */
  private Uni<SiteOutcome> request(HostGate gate, String siteUrl, Predicate<String> mayStart) {
    CronTarget target = CronTarget.of(siteUrl);
    Supplier<Uni<SiteOutcome>> send =
        () ->
            mayStart.test(siteUrl)
                ? client.request(target)
                : Uni.createFrom().<SiteOutcome>nullItem();
    if (!target.isValid()) {
      return send.get();
    }
    return gate.through(target.host(), send);
  }
}
