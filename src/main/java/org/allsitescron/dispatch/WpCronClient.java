package org.allsitescron.dispatch;

import io.netty.handler.codec.TooLongFrameException;
import io.quarkus.runtime.Startup;
import io.quarkus.tls.TlsConfiguration;
import io.quarkus.tls.TlsConfigurationRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.allsitescron.config.CronConfig;
import org.allsitescron.config.SiteUrl;
import org.allsitescron.dispatch.SiteResponse.Result;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Requests one site's {@code wp-cron.php} the way a system cron does and turns whatever happens
 * into a {@link SiteResponse}; it never fails.
 *
 * <p>A plain {@code GET} without a query string: WordPress's {@code wp-cron.php} then takes its own
 * {@code doing_cron} lock and runs the due events. With {@code ?doing_wp_cron=<value>} (what the
 * plugin sent) it only runs when a transient already holds that exact value, so usually nothing
 * runs; and any POST body makes it exit at once.
 *
 * <p>{@code request-timeout} is one deadline for the whole exchange, redirects included: connect,
 * headers and body. Bodies are dropped as they arrive. When the deadline passes, the Vert.x request
 * in flight is reset, which closes its connection at once (HTTP/1.1 cannot abandon an answer and
 * keep the connection), so neither a trickling nor an endless body holds a pooled connection or a
 * per-host slot past the deadline.
 */
@ApplicationScoped
@Startup
public class WpCronClient {

  static final int MAX_REDIRECTS = RedirectPolicy.MAX_REDIRECTS;

  private final io.vertx.core.Vertx vertx;
  private final HttpClient client;
  private final Duration timeout;
  private final String userAgent;
  private final int maxHeaderSize;
  private final boolean basicAuthOverHttp;

  /** Connections that carried a request already: a failure on one of them may be a stale one. */
  private final Set<HttpConnection> used =
      Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

  @Inject
  WpCronClient(
      Vertx vertx,
      CronConfig config,
      TlsConfigurationRegistry tls,
      @ConfigProperty(name = "quarkus.application.version", defaultValue = "dev") String version) {
    this(vertx.getDelegate(), config, tlsConfiguration(config, tls), version);
  }

  /** Without CDI (tests): {@code tls} is the named TLS configuration, if any. */
  WpCronClient(
      io.vertx.core.Vertx vertx,
      CronConfig config,
      Optional<TlsConfiguration> tls,
      String version) {
    this.vertx = vertx;
    this.timeout = config.requestTimeout();
    this.userAgent = "all-sites-cron/" + version;
    this.maxHeaderSize = config.maxResponseHeaderSize();
    this.basicAuthOverHttp = config.basicAuthOverHttp();
    this.client = vertx.createHttpClient(options(vertx, config, tls));
    if (config.sslVerify()) {
      warmUpTls();
    }
  }

  /**
   * Builds one TLS engine now: the JDK's first one costs seconds on a busy machine, which the first
   * https site would otherwise pay inside its request timeout.
   */
  private static void warmUpTls() {
    try {
      javax.net.ssl.SSLContext.getDefault().createSSLEngine();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("no TLS in this JVM", e);
    }
  }

  private static Optional<TlsConfiguration> tlsConfiguration(
      CronConfig config, TlsConfigurationRegistry registry) {
    return config
        .tlsConfigurationName()
        .map(
            name ->
                registry
                    .get(name)
                    .orElseThrow(
                        () ->
                            new IllegalStateException(
                                "all-sites-cron.tls-configuration-name="
                                    + name
                                    + " names no TLS configuration (quarkus.tls."
                                    + name
                                    + ".trust-store…)")));
  }

  private static HttpClientOptions options(
      io.vertx.core.Vertx vertx, CronConfig config, Optional<TlsConfiguration> tls) {
    int timeoutMs = (int) Math.max(1, config.requestTimeout().toMillis());
    boolean verify = config.sslVerify() && tls.map(t -> !t.isTrustAll()).orElse(true);
    boolean verifyHost =
        verify
            && tls.flatMap(TlsConfiguration::getHostnameVerificationAlgorithm)
                .map(algorithm -> !algorithm.equalsIgnoreCase("NONE"))
                .orElse(true);
    HttpClientOptions options =
        new HttpClientOptions()
            .setConnectTimeout(timeoutMs)
            .setMaxPoolSize(config.effectivePerHostConcurrency())
            .setMaxWaitQueueSize(-1)
            .setKeepAlive(true)
            .setTryUseCompression(false)
            .setDecompressionSupported(false)
            .setMaxHeaderSize(config.maxResponseHeaderSize())
            .setTrustAll(!verify)
            .setVerifyHost(verifyHost);
    if (verify) {
      options.setTrustOptions(
          new ExplainingTrust(tls.map(TlsConfiguration::getTrustStoreOptions).orElse(null), vertx));
    }
    tls.map(TlsConfiguration::getKeyStoreOptions).ifPresent(options::setKeyCertOptions);
    return options;
  }

  /** Requests the target's {@code wp-cron.php}; the outcome carries the site's display URL. */
  Uni<SiteResponse> request(CronTarget target) {
    String siteUrl = target.displayUrl();
    if (!target.isValid()) {
      return Uni.createFrom()
          .item(new SiteResponse(siteUrl, Result.CONNECT_ERROR, 0, target.problem(), 0));
    }
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    return follow(target.url(), 0, deadline)
        .map(status -> SiteResponse.answered(siteUrl, status, millisSince(start)))
        .onFailure()
        .recoverWithItem(e -> judged(e).outcome(siteUrl, millisSince(start)));
  }

  @PreDestroy
  void close() {
    client.close().toCompletionStage().toCompletableFuture().orTimeout(5, TimeUnit.SECONDS);
  }

  /** One hop, then the next one while the site redirects within {@link RedirectPolicy}. */
  private Uni<Integer> follow(SiteUrl url, int hops, long deadline) {
    if (url.hasCredentials() && !url.isHttps() && !basicAuthOverHttp) {
      return Uni.createFrom()
          .failure(
              new Failed(
                  Result.CONNECT_ERROR,
                  0,
                  "credentials are only sent over https (all-sites-cron.basic-auth-over-http)"));
    }
    return exchangeRetryingStale(url, deadline)
        .chain(
            answer -> answer.isRedirect() ? redirect(url, answer, hops, deadline) : done(answer));
  }

  private Uni<Integer> redirect(SiteUrl from, Answer answer, int hops, long deadline) {
    if (answer.location() == null) {
      return done(answer);
    }
    RedirectPolicy.Verdict verdict = RedirectPolicy.judge(from, answer.location(), hops);
    if (verdict instanceof RedirectPolicy.Follow follow) {
      return follow(follow.target(), hops + 1, deadline);
    }
    String reason = ((RedirectPolicy.Refuse) verdict).reason();
    return Uni.createFrom().failure(new Failed(Result.HTTP_ERROR, answer.status(), reason));
  }

  private static Uni<Integer> done(Answer answer) {
    return Uni.createFrom().item(answer.status());
  }

  /**
   * One exchange; when a kept-alive connection turns out closed by the site before any answer (the
   * site's keep-alive timeout raced our request), once more on another connection.
   */
  private Uni<Answer> exchangeRetryingStale(SiteUrl url, long deadline) {
    return exchange(url, deadline)
        .onFailure(StaleConnection.class)
        .recoverWithUni(() -> exchange(url, deadline))
        .onFailure(StaleConnection.class)
        .transform(e -> ((StaleConnection) e).asFailed());
  }

  /** Sends one GET under {@code deadline}; fails with {@link Failed} or {@link StaleConnection}. */
  private Uni<Answer> exchange(SiteUrl url, long deadline) {
    return Uni.createFrom()
        .emitter(
            emitter -> {
              Exchange exchange = new Exchange(url, deadline, emitter);
              emitter.onTermination(exchange::abandon);
              exchange.start();
            });
  }

  private RequestOptions requestOptions(SiteUrl url) {
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.GET)
            .setHost(url.connectHost())
            .setPort(url.effectivePort())
            .setSsl(url.isHttps())
            .setURI(url.requestUri())
            .setFollowRedirects(false)
            .putHeader(HttpHeaders.USER_AGENT, userAgent);
    if (url.hasCredentials()) {
      String pair = url.user() + ":" + url.password();
      options.putHeader(
          HttpHeaders.AUTHORIZATION,
          "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }
    return options;
  }

  private static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  /** A finished exchange: its status and, for a redirect, where to. */
  private record Answer(int status, String location) {
    boolean isRedirect() {
      return switch (status) {
        case 301, 302, 303, 307, 308 -> true;
        default -> false;
      };
    }
  }

  /** Where an exchange was when it ended. */
  private enum Phase {
    CONNECTING,
    SENT,
    BODY
  }

  /**
   * One request and its answer under the site's deadline. Every callback may run on another thread
   * (event loop, timer), so the state is guarded by {@code this}.
   */
  private final class Exchange {
    private final SiteUrl url;
    private final long deadline;
    private final io.smallrye.mutiny.subscription.UniEmitter<? super Answer> emitter;
    private io.vertx.core.http.HttpClientRequest request;
    private Phase phase = Phase.CONNECTING;
    private int status;
    private boolean reused;
    private boolean over;
    private long timer = -1;

    private Exchange(
        SiteUrl url,
        long deadline,
        io.smallrye.mutiny.subscription.UniEmitter<? super Answer> emitter) {
      this.url = url;
      this.deadline = deadline;
      this.emitter = emitter;
    }

    private void start() {
      long remainingMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (remainingMs <= 0) {
        end(null, timedOut(Phase.SENT, 0));
        return;
      }
      synchronized (this) {
        timer = vertx.setTimer(remainingMs, id -> expire());
      }
      client
          .request(requestOptions(url))
          .onComplete(
              ar -> {
                if (ar.failed()) {
                  end(null, classify(ar.cause()));
                } else {
                  send(ar.result());
                }
              });
    }

    private void send(io.vertx.core.http.HttpClientRequest req) {
      // The outcome comes from the futures; without a handler Vert.x logs an ERROR per reset.
      req.exceptionHandler(e -> {});
      HttpConnection connection = req.connection();
      boolean late;
      synchronized (this) {
        late = over;
        request = req;
        phase = Phase.SENT;
        reused = connection != null && !used.add(connection);
      }
      if (late) {
        req.reset(0, new Failed(Result.TIMEOUT, 0, "deadline passed"));
        return;
      }
      if (connection != null) {
        // A bad answer (headers over the limit) fails the request; without a handler Vert.x
        // would also log it as an ERROR per site.
        connection.exceptionHandler(e -> {});
      }
      req.send()
          .onComplete(
              ar -> {
                if (ar.failed()) {
                  end(null, classify(ar.cause()));
                  return;
                }
                var response = ar.result();
                int status = response.statusCode();
                synchronized (this) {
                  phase = Phase.BODY;
                  this.status = status;
                }
                String location = response.getHeader(HttpHeaders.LOCATION);
                response.exceptionHandler(e -> {});
                response.handler(chunk -> {}); // dropped as it arrives, whatever its size
                // A body cut short after the status line still means the site answered.
                response.end().onComplete(ended -> end(new Answer(status, location), null));
              });
    }

    /** The deadline: reset the request (its connection closes) and report where it stood. */
    private void expire() {
      Phase at;
      int seen;
      synchronized (this) {
        at = phase;
        seen = status;
      }
      end(null, timedOut(at, seen));
    }

    /** The subscriber went away (run aborted) or the exchange ended: nothing may stay open. */
    private void abandon() {
      io.vertx.core.http.HttpClientRequest toReset;
      synchronized (this) {
        if (over) {
          return;
        }
        over = true;
        toReset = request;
      }
      vertx.cancelTimer(timer);
      if (toReset != null) {
        toReset.reset(0, new Failed(Result.TIMEOUT, 0, "abandoned"));
      }
    }

    private void end(Answer answer, Throwable failure) {
      io.vertx.core.http.HttpClientRequest toReset;
      synchronized (this) {
        if (over) {
          return;
        }
        over = true;
        toReset = failure != null ? request : null;
      }
      vertx.cancelTimer(timer);
      if (toReset != null) {
        toReset.reset(0, failure);
      }
      if (failure != null) {
        emitter.fail(failure);
      } else {
        emitter.complete(answer);
      }
    }

    private Failed timedOut(Phase at, int seenStatus) {
      long ms = timeout.toMillis();
      return switch (at) {
        case CONNECTING ->
            new Failed(Result.CONNECT_ERROR, 0, "no connection within " + ms + " ms");
        case SENT -> new Failed(Result.TIMEOUT, 0, "no answer within " + ms + " ms");
        case BODY ->
            new Failed(
                Result.TIMEOUT,
                seenStatus,
                "answered HTTP " + seenStatus + " but the body did not end within " + ms + " ms");
      };
    }

    private RuntimeException classify(Throwable e) {
      Phase at;
      boolean wasReused;
      synchronized (this) {
        at = phase;
        wasReused = reused;
      }
      return WpCronClient.this.classify(e, at, wasReused);
    }
  }

  /** What a failure of an exchange means for the site. */
  private RuntimeException classify(Throwable e, Phase at, boolean reused) {
    if (e instanceof Failed failed) {
      return failed;
    }
    ExplainingTrust.SiteCertificateException certificate =
        find(e, ExplainingTrust.SiteCertificateException.class);
    if (certificate != null) {
      return new Failed(Result.TLS_ERROR, 0, certificate.getMessage());
    }
    SSLException tls = find(e, SSLException.class);
    if (tls != null) {
      return new Failed(Result.TLS_ERROR, 0, "TLS failed: " + message(tls));
    }
    if (find(e, TooLongFrameException.class) != null) {
      return new Failed(
          Result.HTTP_ERROR,
          0,
          "response headers larger than "
              + maxHeaderSize
              + " bytes (all-sites-cron.max-response-header-size)");
    }
    if (e instanceof HttpClosedException && at == Phase.SENT) {
      Failed closed =
          new Failed(Result.CONNECT_ERROR, 0, "connection closed by the site before it answered");
      return reused ? new StaleConnection(closed) : closed;
    }
    return new Failed(Result.CONNECT_ERROR, 0, message(e));
  }

  /** Any failure as a judged one: an unexpected exception is a connect error with its text. */
  private Failed judged(Throwable e) {
    if (e instanceof Failed failed) {
      return failed;
    }
    if (e instanceof StaleConnection stale) {
      return stale.asFailed();
    }
    RuntimeException classified = classify(e, Phase.CONNECTING, false);
    return classified instanceof Failed failed ? failed : ((StaleConnection) classified).asFailed();
  }

  private static <T extends Throwable> T find(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  private static String message(Throwable e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /** A site's failure, already judged: its outcome, the status seen (0 if none) and why. */
  private static final class Failed extends RuntimeException {
    private final Result outcome;
    private final int status;

    private Failed(Result outcome, int status, String message) {
      super(message, null, false, false);
      this.outcome = outcome;
      this.status = status;
    }

    private SiteResponse outcome(String siteUrl, long durationMs) {
      return new SiteResponse(siteUrl, outcome, status, getMessage(), durationMs);
    }
  }

  /** A kept-alive connection the site had closed; retried once, then reported as it is. */
  private static final class StaleConnection extends RuntimeException {
    private final Failed failed;

    private StaleConnection(Failed failed) {
      super(failed.getMessage(), null, false, false);
      this.failed = failed;
    }

    private Failed asFailed() {
      return failed;
    }
  }
}
