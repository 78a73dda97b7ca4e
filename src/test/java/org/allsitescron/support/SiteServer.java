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
    REDIRECT_LOOP
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
  private volatile long delayMs;

  private SiteServer(long delayMs) throws Exception {
    this.delayMs = delayMs;
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

  public int port() {
    return port;
  }

  /** The base URL of a site: {@code http://<host>:<port>/<site>}. */
  public String url(String host, String site) {
    return "http://" + host + ":" + port + "/" + site;
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
    maxInFlight.set(0);
    maxInFlightByHost.clear();
  }

  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private HttpServer listen(String host, int port) throws Exception {
    return vertx
        .createHttpServer()
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
    hits.computeIfAbsent(site, s -> new AtomicInteger()).incrementAndGet();
    queries.put(site, request.query() == null ? "" : request.query());
    userAgents.put(site, String.valueOf(request.getHeader("User-Agent")));
    String host = request.authority() == null ? "" : request.authority().host();
    requests.add(new Request(site, host, System.currentTimeMillis()));
    enter(host);
    Behavior behavior = behaviors.getOrDefault(site, Behavior.OK);
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
      default -> response.setStatusCode(200).end();
    }
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
