package org.allsitescron.dispatch;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.BiFunction;
import java.util.function.Function;
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
  public Multi<SiteResponse> dispatch(Multi<String> siteUrls) {
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
  public Multi<SiteResponse> dispatch(Multi<String> siteUrls, Predicate<String> mayStart) {
    return dispatch(
        siteUrls, Function.identity(), mayStart, (url, outcome) -> Uni.createFrom().item(outcome));
  }

  /**
   * One outcome per site that {@code mayStart} allows (as above): each site's {@code wp-cron.php}
   * is requested, then {@code settle} turns the answer into the final outcome. Both happen under
   * the site's per-host slot and one of the {@code concurrency} places, so a {@code settle} that
   * waits for the site's cron work to finish makes the caps count that work, not just the open
   * requests.
   */
  public <T, R> Multi<R> dispatch(
      Multi<T> sites,
      Function<T, String> siteUrl,
      Predicate<String> mayStart,
      BiFunction<T, SiteResponse, Uni<R>> settle) {
    HostGate gate = new HostGate(perHostConcurrency, perHostRate);
    return sites
        .onItem()
        .transformToUni(site -> request(gate, site, siteUrl.apply(site), mayStart, settle))
        .merge(concurrency);
  }

  /** A refused site's Uni emits null, which the merge skips. */
  private <T, R> Uni<R> request(
      HostGate gate,
      T site,
      String siteUrl,
      Predicate<String> mayStart,
      BiFunction<T, SiteResponse, Uni<R>> settle) {
    CronTarget target = CronTarget.of(siteUrl);
    Supplier<Uni<R>> send =
        () ->
            mayStart.test(siteUrl)
                ? client
                    .request(target)
                    .onItem()
                    .ifNotNull()
                    .transformToUni(outcome -> settle.apply(site, outcome))
                : Uni.createFrom().<R>nullItem();
    if (!target.isValid()) {
      return send.get();
    }
    return gate.through(target.host(), send);
  }
}
