package org.allsitescron.dispatch;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.vertx.mutiny.ext.web.codec.BodyCodec;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.allsitescron.config.CronConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Requests one site's {@code wp-cron.php} the way a system cron does and turns whatever happens
 * into a {@link SiteOutcome}; it never fails.
 *
 * <p>A plain {@code GET} without a query string: WordPress's {@code wp-cron.php} then takes its own
 * {@code doing_cron} lock and runs the due events. With {@code ?doing_wp_cron=<value>} (what the
 * plugin sent) it only runs when a transient already holds that exact value, so usually nothing
 * runs; and any POST body makes it exit at once.
 */
@ApplicationScoped
public class WpCronClient {

  static final int MAX_REDIRECTS = 3;

  private final WebClient client;
  private final Duration timeout;

  WpCronClient(
      Vertx vertx,
      CronConfig config,
      @ConfigProperty(name = "quarkus.application.version", defaultValue = "dev") String version) {
    this.timeout = config.requestTimeout();
    this.client =
        WebClient.create(vertx, options(config).setUserAgent("all-sites-cron/" + version));
  }

  private static WebClientOptions options(CronConfig config) {
    int timeoutMs = (int) Math.max(1, config.requestTimeout().toMillis());
    return new WebClientOptions()
        .setFollowRedirects(false)
        .setTrustAll(!config.sslVerify())
        .setVerifyHost(config.sslVerify())
        .setConnectTimeout(timeoutMs)
        .setMaxPoolSize(config.effectivePerHostConcurrency())
        .setMaxWaitQueueSize(-1)
        .setKeepAlive(true)
        .setTryUseCompression(false)
        .setDecompressionSupported(false);
  }

  /** Requests the target's {@code wp-cron.php}; the outcome carries the site's URL. */
  Uni<SiteOutcome> request(CronTarget target) {
    String siteUrl = target.siteUrl();
    if (!target.isValid()) {
      return Uni.createFrom()
          .item(SiteOutcome.failed(siteUrl, Outcome.CONNECT_ERROR, 0, target.problem(), 0));
    }
    long start = System.nanoTime();
    return follow(target.uri(), 0)
        .ifNoItem()
        .after(timeout)
        .failWith(() -> new TimeoutException("no answer within " + timeout.toMillis() + " ms"))
        .map(status -> SiteOutcome.answered(siteUrl, status, millisSince(start)))
        .onFailure(RedirectRefused.class)
        .recoverWithItem(e -> refused(siteUrl, (RedirectRefused) e, start))
        .onFailure()
        .recoverWithItem(e -> unreachable(siteUrl, e, start));
  }

  @PreDestroy
  void close() {
    client.close();
  }

  /** Sends one GET; on a redirect to the same host, follows it up to {@link #MAX_REDIRECTS}. */
  private Uni<Integer> follow(URI uri, int hops) {
    return client
        .request(HttpMethod.GET, requestOptions(uri))
        .timeout(timeout.toMillis() + 1)
        .as(BodyCodec.none())
        .send()
        .chain(response -> isRedirect(response) ? redirect(uri, response, hops) : status(response));
  }

  /** From the parsed URI directly, so the URL is not parsed again for every request. */
  private static RequestOptions requestOptions(URI uri) {
    boolean https = "https".equalsIgnoreCase(uri.getScheme());
    int port = uri.getPort() != -1 ? uri.getPort() : https ? 443 : 80;
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    return new RequestOptions()
        .setHost(uri.getHost())
        .setPort(port)
        .setSsl(https)
        .setURI(uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery());
  }

  private Uni<Integer> redirect(URI from, HttpResponse<Void> response, int hops) {
    int status = response.statusCode();
    String location = response.getHeader(HttpHeaders.LOCATION.toString());
    if (location == null) {
      return Uni.createFrom().item(status);
    }
    if (hops >= MAX_REDIRECTS) {
      return Uni.createFrom()
          .failure(new RedirectRefused(status, "more than " + MAX_REDIRECTS + " redirects"));
    }
    URI target;
    try {
      target = from.resolve(location.trim());
    } catch (IllegalArgumentException e) {
      return Uni.createFrom().failure(new RedirectRefused(status, "unusable redirect location"));
    }
    if (!CronTarget.isHttp(target) || !from.getHost().equalsIgnoreCase(target.getHost())) {
      return Uni.createFrom()
          .failure(new RedirectRefused(status, "redirect to another host refused: " + target));
    }
    return follow(target, hops + 1);
  }

  private static Uni<Integer> status(HttpResponse<Void> response) {
    return Uni.createFrom().item(response.statusCode());
  }

  private static boolean isRedirect(HttpResponse<?> response) {
    return switch (response.statusCode()) {
      case 301, 302, 303, 307, 308 -> true;
      default -> false;
    };
  }

  private SiteOutcome refused(String siteUrl, RedirectRefused e, long start) {
    return SiteOutcome.failed(
        siteUrl, Outcome.HTTP_ERROR, e.status, e.getMessage(), millisSince(start));
  }

  private SiteOutcome unreachable(String siteUrl, Throwable e, long start) {
    long took = millisSince(start);
    // Our total timeout and Vert.x's idle timeout are both TimeoutExceptions; a connect timeout
    // is not (the request never reached the site).
    if (e instanceof TimeoutException) {
      return SiteOutcome.failed(
          siteUrl, Outcome.TIMEOUT, 0, "no answer within " + timeout.toMillis() + " ms", took);
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return SiteOutcome.failed(siteUrl, Outcome.CONNECT_ERROR, 0, message, took);
  }

  private static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  /** A redirect this client will not follow. */
  private static final class RedirectRefused extends RuntimeException {
    private final int status;

    private RedirectRefused(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }
  }
}
