import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The benchmark's stand-in network: one HTTP server on 127.0.0.1 whose sites are path prefixes.
 * {@code GET /<site>/wp-cron.php} answers 200 with an empty body after the current latency, on a
 * Vert.x timer, so a waiting request holds no thread. Any number of distinct sites is served: a
 * site is whatever precedes {@code /wp-cron.php}.
 *
 * <p>Control (plain text): {@code GET /__latency/<ms>} sets the latency, {@code GET /__stats}
 * prints {@code requests connections open max_in_flight distinct max_hits latency_ms} (connections
 * opened since the reset and open now, the most requests waiting at once; hits counted for the sites named
 * {@code s<number>}, numbers 1..1,000,000), {@code GET /__reset} forgets the counts.
 *
 * <p>Run with Vert.x on the class path (the service's own libraries):
 * {@code java -cp 'target/quarkus-app/lib/main/*' bench/standin/StandIn.java <port> [latencyMs]
 * [eventLoops]}. Not part of the service; bench only.
 */
public class StandIn extends AbstractVerticle {

  private static final int MAX_SITE = 1_000_000;
  private static final AtomicLong REQUESTS = new AtomicLong();
  private static final AtomicLong CONNECTIONS = new AtomicLong();
  private static final AtomicLong OPEN = new AtomicLong();
  private static final AtomicLong IN_FLIGHT = new AtomicLong();
  private static final AtomicLong MAX_IN_FLIGHT = new AtomicLong();
  private static final AtomicLongArray HITS = new AtomicLongArray(MAX_SITE + 1);
  private static volatile long latencyMs;
  private static int port;

  public static void main(String[] args) throws Exception {
    port = Integer.parseInt(args[0]);
    latencyMs = args.length > 1 ? Long.parseLong(args[1]) : 0;
    int loops = args.length > 2 ? Integer.parseInt(args[2]) : 1;
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops));
    try {
      vertx
          .deployVerticle(StandIn::new, new DeploymentOptions().setInstances(loops))
          .toCompletionStage()
          .toCompletableFuture()
          .get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      e.printStackTrace();
      System.exit(1); // Vert.x threads would keep a failed stand-in alive
    }
    System.out.println("stand-in listening on 127.0.0.1:" + port + " latency " + latencyMs + " ms");
  }

  @Override
  public void start(io.vertx.core.Promise<Void> started) {
    vertx
        .createHttpServer(new HttpServerOptions().setTcpNoDelay(true).setAcceptBacklog(4096))
        .connectionHandler(
            connection -> {
              CONNECTIONS.incrementAndGet();
              OPEN.incrementAndGet();
              connection.closeHandler(v -> OPEN.decrementAndGet());
            })
        .requestHandler(this::handle)
        .listen(port, "127.0.0.1")
        .<Void>mapEmpty()
        .onComplete(started);
  }

  private void handle(HttpServerRequest request) {
    String path = request.path();
    if (path.endsWith("/wp-cron.php")) {
      REQUESTS.incrementAndGet();
      count(path);
      MAX_IN_FLIGHT.accumulateAndGet(IN_FLIGHT.incrementAndGet(), Math::max);
      long delay = latencyMs;
      if (delay > 0) {
        vertx.setTimer(delay, id -> answer(request));
      } else {
        answer(request);
      }
      return;
    }
    if (path.startsWith("/__latency/")) {
      latencyMs = Long.parseLong(path.substring("/__latency/".length()));
      request.response().end("latency_ms=" + latencyMs + "\n");
    } else if (path.equals("/__stats")) {
      request.response().end(stats());
    } else if (path.equals("/__reset")) {
      REQUESTS.set(0);
      CONNECTIONS.set(0);
      MAX_IN_FLIGHT.set(IN_FLIGHT.get());
      for (int i = 0; i <= MAX_SITE; i++) {
        HITS.set(i, 0);
      }
      request.response().end("reset\n");
    } else {
      request.response().setStatusCode(404).end();
    }
  }

  private static void answer(HttpServerRequest request) {
    IN_FLIGHT.decrementAndGet();
    request.response().setStatusCode(200).end();
  }

  /** Counts a hit on {@code /s<number>/wp-cron.php}; other sites only count as requests. */
  private static void count(String path) {
    if (path.length() < 3 || path.charAt(1) != 's') {
      return;
    }
    int end = path.length() - "/wp-cron.php".length();
    int site = 0;
    for (int i = 2; i < end; i++) {
      char c = path.charAt(i);
      if (c < '0' || c > '9' || site > MAX_SITE) {
        return;
      }
      site = site * 10 + (c - '0');
    }
    if (site > 0 && site <= MAX_SITE) {
      HITS.incrementAndGet(site);
    }
  }

  private static String stats() {
    long distinct = 0;
    long maxHits = 0;
    for (int i = 1; i <= MAX_SITE; i++) {
      long h = HITS.get(i);
      if (h > 0) {
        distinct++;
        maxHits = Math.max(maxHits, h);
      }
    }
    return "requests=%d connections=%d open=%d max_in_flight=%d distinct=%d max_hits=%d latency_ms=%d%n"
        .formatted(
            REQUESTS.get(),
            CONNECTIONS.get(),
            OPEN.get(),
            MAX_IN_FLIGHT.get(),
            distinct,
            maxHits,
            latencyMs);
  }
}
