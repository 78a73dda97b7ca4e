package org.allsitescron.support;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server standing in for the network's sites, on a dynamic port of 127.0.0.1, 127.0.0.2
 * and 127.0.0.3 (three hosts). A site is a path prefix; a request to {@code /<site>/wp-cron.php} is
 * counted per site and answered as that site's {@link Behavior} says. It measures the requests in
 * flight, overall and per host.
 */
public final class SiteServer implements AutoCloseable {

  /** The hosts the server listens on, all loopback. */
  public static final List<String> HOSTS = List.of("127.0.0.1", "127.0.0.2", "127.0.0.3");

  /** How a site answers. */
  public enum Behavior {
    OK,
    FAIL_500,
    HANG,
    REDIRECT_SAME_HOST,
    REDIRECT_OTHER_HOST,
    REDIRECT_LOOP,
    /** Redirects to the location set with {@link #redirectTo(String, String)}. */
    REDIRECT_TO,
    /** 200 with {@code Content-Length} 1 MB, then one byte every 0.2 s. */
    TRICKLE,
    /** 200 chunked, 64 KB chunks for as long as the connection stays open. */
    ENDLESS,
    /** 200 with a 50 MB body, as fast as the client reads. */
    HUGE_BODY,
    /** 200 with a header of {@link #headerBytes(int)} bytes. */
    BIG_HEADER,
    /**
     * Answers 200 keeping the connection alive, then closes any connection that brings it a second
     * request without answering: a keep-alive timeout racing the client's next request.
     */
    CLOSE_REUSED
  }

  /** One request received: which site, on which host, when (epoch ms). */
  public record Request(String site, String host, long atMillis) {}

  private final Vertx vertx = Vertx.vertx();
  private final java.util.Queue<Request> requests =
      new java.util.concurrent.ConcurrentLinkedQueue<>();
  private final List<HttpServer> servers;
  private final int port;
  private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
  private final Map<String, Behavior> behaviors = new ConcurrentHashMap<>();
  private final Map<String, String> queries = new ConcurrentHashMap<>();
  private final Map<String, String> userAgents = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> inFlightByHost = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> maxInFlightByHost = new ConcurrentHashMap<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private final Map<String, String> locations = new ConcurrentHashMap<>();
  private final Map<String, String> authorizations = new ConcurrentHashMap<>();
  private final Map<String, String> hostHeaders = new ConcurrentHashMap<>();
  private final Map<io.vertx.core.http.HttpConnection, Boolean> servedConnections =
      java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());
  private final AtomicInteger dropped = new AtomicInteger();
  private final AtomicInteger openBodies = new AtomicInteger();
  private volatile int headerBytes = 16 * 1024;
  private volatile long delayMs;

  private final io.vertx.core.http.HttpServerOptions serverOptions;
  private final String scheme;

  private SiteServer(long delayMs) throws Exception {
    this(delayMs, new io.vertx.core.http.HttpServerOptions(), "http");
  }

  private SiteServer(long delayMs, io.vertx.core.http.HttpServerOptions options, String scheme)
      throws Exception {
    this.delayMs = delayMs;
    this.serverOptions = options;
    this.scheme = scheme;
    HttpServer first = listen(HOSTS.get(0), 0);
    this.port = first.actualPort();
    this.servers = List.of(first, listen(HOSTS.get(1), port), listen(HOSTS.get(2), port));
  }

  /** Starts a server whose sites answer after {@code delayMs}. */
  public static SiteServer start(long delayMs) {
    try {
      return new SiteServer(delayMs);
    } catch (Exception e) {
      throw new IllegalStateException("site server did not start", e);
    }
  }

  /**
   * Starts a server that speaks TLS only, with the given PEM certificate (chain) and key, on the
   * same three loopback hosts.
   */
  public static SiteServer startTls(String certificatePath, String keyPath) {
    try {
      var options =
          new io.vertx.core.http.HttpServerOptions()
              .setSsl(true)
              .setKeyCertOptions(
                  new io.vertx.core.net.PemKeyCertOptions()
                      .setCertPath(certificatePath)
                      .setKeyPath(keyPath));
      SiteServer server = new SiteServer(0, options, "https");
      server.warmUp();
      return server;
    } catch (Exception e) {
      throw new IllegalStateException("TLS site server did not start", e);
    }
  }

  /**
   * One TLS request to each host, trusting anything: the first handshake of a JVM costs seconds on
   * a busy machine, which must not fall inside a test's request timeout.
   */
  private void warmUp() throws Exception {
    var client =
        vertx.createHttpClient(
            new io.vertx.core.http.HttpClientOptions()
                .setSsl(true)
                .setTrustAll(true)
                .setVerifyHost(false));
    try {
      for (String host : HOSTS) {
        client
            .request(io.vertx.core.http.HttpMethod.GET, port, host, "/warm-up")
            .compose(request -> request.send())
            .compose(response -> response.end())
            .toCompletionStage()
            .toCompletableFuture()
            .get(60, TimeUnit.SECONDS);
      }
    } finally {
      client.close();
    }
  }

  public int port() {
    return port;
  }

  /** The base URL of a site: {@code http://<host>:<port>/<site>}. */
  public String url(String host, String site) {
    return scheme + "://" + host + ":" + port + "/" + site;
  }

  /** Where {@code site} redirects with {@link Behavior#REDIRECT_TO}. */
  public void redirectTo(String site, String location) {
    locations.put(site, location);
  }

  /** Size of the header {@link Behavior#BIG_HEADER} sends. */
  public void headerBytes(int bytes) {
    this.headerBytes = bytes;
  }

  /** The Authorization header of the last request to {@code site} (null when none). */
  public String lastAuthorization(String site) {
    return authorizations.get(site);
  }

  /** The Host header of the last request to {@code site}. */
  public String lastHostHeader(String site) {
    return hostHeaders.get(site);
  }

  /** Requests {@link Behavior#CLOSE_REUSED} dropped by closing their connection. */
  public int dropped() {
    return dropped.get();
  }

  /** Bodies being streamed right now (trickling, endless, huge): 0 once every client let go. */
  public int openBodies() {
    return openBodies.get();
  }

  /** Sets how {@code site} answers until {@link #reset()}. */
  public void behave(String site, Behavior behavior) {
    behaviors.put(site, behavior);
  }

  public void delay(long millis) {
    this.delayMs = millis;
  }

  /** Requests {@code /<site>/wp-cron.php} received. */
  public int hits(String site) {
    AtomicInteger count = hits.get(site);
    return count == null ? 0 : count.get();
  }

  /** Every request received since the last {@link #reset()}, in order of arrival. */
  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /** Every site's hit count. */
  public Map<String, Integer> allHits() {
    Map<String, Integer> copy = new ConcurrentHashMap<>();
    hits.forEach((site, count) -> copy.put(site, count.get()));
    return copy;
  }

  /** The query string of the last request to {@code site} ("" when none). */
  public String lastQuery(String site) {
    return queries.get(site);
  }

  /** The User-Agent of the last request to {@code site}. */
  public String lastUserAgent(String site) {
    return userAgents.get(site);
  }

  public int maxInFlight() {
    return maxInFlight.get();
  }

  public int maxInFlight(String host) {
    AtomicInteger max = maxInFlightByHost.get(host);
    return max == null ? 0 : max.get();
  }

  /** Forgets hits and peaks, restores every site to OK and the initial delay. */
  public void reset() {
    hits.clear();
    requests.clear();
    behaviors.clear();
    queries.clear();
    userAgents.clear();
    locations.clear();
    authorizations.clear();
    hostHeaders.clear();
    dropped.set(0);
    maxInFlight.set(0);
    maxInFlightByHost.clear();
  }

  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private HttpServer listen(String host, int port) throws Exception {
    return vertx
        .createHttpServer(new io.vertx.core.http.HttpServerOptions(serverOptions))
        .requestHandler(this::handle)
        .listen(port, host)
        .toCompletionStage()
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
  }

  private void handle(HttpServerRequest request) {
    String path = request.path();
    if (!path.endsWith("/wp-cron.php")) {
      request.response().setStatusCode(404).end();
      return;
    }
    String prefix = path.substring(0, path.length() - "/wp-cron.php".length());
    String site = prefix.replaceAll("^/+|/+$", "");
    Behavior behavior = behaviors.getOrDefault(site, Behavior.OK);
    boolean reusedConnection = servedConnections.put(request.connection(), Boolean.TRUE) != null;
    if (behavior == Behavior.CLOSE_REUSED && reusedConnection) {
      dropped.incrementAndGet();
      request.connection().close();
      return;
    }
    hits.computeIfAbsent(site, s -> new AtomicInteger()).incrementAndGet();
    String authorization = request.getHeader("Authorization");
    if (authorization != null) {
      authorizations.put(site, authorization);
    }
    hostHeaders.put(site, String.valueOf(request.getHeader("Host")));
    queries.put(site, request.query() == null ? "" : request.query());
    userAgents.put(site, String.valueOf(request.getHeader("User-Agent")));
    String host = request.authority() == null ? "" : request.authority().host();
    requests.add(new Request(site, host, System.currentTimeMillis()));
    enter(host);
    if (behavior == Behavior.HANG) {
      request.connection().closeHandler(v -> leave(host));
      return;
    }
    String finalSite = site;
    Runnable answer = () -> answer(request, finalSite, behavior, host);
    if (delayMs > 0) {
      vertx.setTimer(delayMs, id -> answer.run());
    } else {
      answer.run();
    }
  }

  private void answer(HttpServerRequest request, String site, Behavior behavior, String host) {
    leave(host);
    var response = request.response();
    switch (behavior) {
      case FAIL_500 -> response.setStatusCode(500).end("boom");
      case REDIRECT_SAME_HOST ->
          response
              .setStatusCode(302)
              .putHeader("Location", "/moved-" + site + "/wp-cron.php")
              .end();
      case REDIRECT_OTHER_HOST ->
          response
              .setStatusCode(302)
              .putHeader("Location", "http://other.invalid/" + site + "/wp-cron.php")
              .end();
      case REDIRECT_LOOP ->
          response.setStatusCode(302).putHeader("Location", "/" + site + "/wp-cron.php").end();
      case REDIRECT_TO ->
          response.setStatusCode(302).putHeader("Location", locations.get(site)).end();
      case BIG_HEADER -> response.putHeader("X-Debug", "a".repeat(headerBytes)).end();
      case TRICKLE -> trickle(response);
      case ENDLESS -> stream(response, Long.MAX_VALUE, true);
      case HUGE_BODY -> stream(response, 50L * 1024 * 1024, false);
      default -> response.setStatusCode(200).end();
    }
  }

  private void trickle(io.vertx.core.http.HttpServerResponse response) {
    openBodies.incrementAndGet();
    response.putHeader("Content-Length", String.valueOf(1024 * 1024));
    response.write("x");
    long timer =
        vertx.setPeriodic(
            200,
            id -> {
              if (!response.closed()) {
                response.write("x");
              }
            });
    response.closeHandler(
        v -> {
          vertx.cancelTimer(timer);
          openBodies.decrementAndGet();
        });
  }

  /** Writes {@code total} bytes in 64 KB chunks, following the client's pace (back-pressure). */
  private void stream(io.vertx.core.http.HttpServerResponse response, long total, boolean chunked) {
    openBodies.incrementAndGet();
    if (chunked) {
      response.setChunked(true);
    } else {
      response.putHeader("Content-Length", String.valueOf(total));
    }
    io.vertx.core.buffer.Buffer chunk = io.vertx.core.buffer.Buffer.buffer(new byte[64 * 1024]);
    long[] left = {total};
    boolean[] finished = {false};
    Runnable[] pump = new Runnable[1];
    pump[0] =
        () -> {
          while (!response.closed() && left[0] > 0 && !response.writeQueueFull()) {
            int size = (int) Math.min(chunk.length(), left[0]);
            left[0] -= size;
            response.write(size == chunk.length() ? chunk : chunk.slice(0, size));
          }
          if (response.closed()) {
            return;
          }
          if (left[0] <= 0) {
            finished[0] = true;
            response.end();
            openBodies.decrementAndGet();
          } else {
            response.drainHandler(v -> pump[0].run());
          }
        };
    response.closeHandler(
        v -> {
          if (!finished[0]) {
            openBodies.decrementAndGet();
          }
        });
    pump[0].run();
  }

  private void enter(String host) {
    int now = inFlight.incrementAndGet();
    maxInFlight.accumulateAndGet(now, Math::max);
    int hostNow = inFlightByHost.computeIfAbsent(host, h -> new AtomicInteger()).incrementAndGet();
    maxInFlightByHost
        .computeIfAbsent(host, h -> new AtomicInteger())
        .accumulateAndGet(hostNow, Math::max);
  }

  private void leave(String host) {
    inFlight.decrementAndGet();
    inFlightByHost.get(host).decrementAndGet();
  }
}
