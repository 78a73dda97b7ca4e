package org.allsitescron.dispatch;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.BiFunction;
import java.util.function.Function;
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
    return dispatch(
        siteUrls, Function.identity(), (url, outcome) -> Uni.createFrom().item(outcome));
  }

  /**
   * One outcome per site, in completion order: each site's {@code wp-cron.php} is requested, then
   * {@code settle} turns the answer into the final outcome. Both happen under the site's per-host
   * slot and one of the {@code concurrency} places, so a {@code settle} that waits for the site's
   * cron work to finish makes the caps count that work, not just the open requests.
   */
  public <T> Multi<SiteOutcome> dispatch(
      Multi<T> sites,
      Function<T, String> siteUrl,
      BiFunction<T, SiteOutcome, Uni<SiteOutcome>> settle) {
    HostGate gate = new HostGate(perHostConcurrency, perHostRate);
    return sites
        .onItem()
        .transformToUni(site -> request(gate, site, siteUrl.apply(site), settle))
        .merge(concurrency);
  }

  private <T> Uni<SiteOutcome> request(
      HostGate gate, T site, String siteUrl, BiFunction<T, SiteOutcome, Uni<SiteOutcome>> settle) {
    CronTarget target = CronTarget.of(siteUrl);
    if (!target.isValid()) {
      return client.request(target).chain(outcome -> settle.apply(site, outcome));
    }
    return gate.through(
        target.host(), () -> client.request(target).chain(outcome -> settle.apply(site, outcome)));
  }
}
