import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.mysqlclient.MySQLConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Tuple;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The cron-check benchmark's stand-in WordPress: {@code GET /s<N>/wp-cron.php} answers 200 after
 * the current latency and then, like WordPress after {@code fastcgi_finish_request}, "runs" blog
 * N's due events: after {@code workMs} it reads the blog's {@code cron} option (as WordPress reads
 * its options on every request) and, when events were due, writes it without them (one UPDATE of
 * {@code wp_<N>_options}; blog 1: {@code wp_options}). Nothing is written for a blog with nothing
 * due.
 *
 * <p>{@code GET /__latency/<ms>}, {@code GET /__stats} ({@code requests distinct}), {@code GET
 * /__reset}. Run: {@code java -cp 'target/quarkus-app/lib/main/*' bench/standin/CronStandIn.java
 * <port> <database> <workMs> <cron value without due events>}. Bench only.
 */
public class CronStandIn {

  private static final AtomicLong REQUESTS = new AtomicLong();
  private static final Set<String> SITES = ConcurrentHashMap.newKeySet();
  private static volatile long latencyMs;

  public static void main(String[] args) {
    int port = Integer.parseInt(args[0]);
    String database = args[1];
    long workMs = Long.parseLong(args[2]);
    String notDue = args[3];
    Vertx vertx = Vertx.vertx();
    Pool pool =
        Pool.pool(
            vertx,
            new MySQLConnectOptions()
                .setHost("127.0.0.1")
                .setPort(3306)
                .setUser("root")
                .setPassword("")
                .setDatabase(database),
            new PoolOptions().setMaxSize(8));
    vertx
        .createHttpServer(new HttpServerOptions().setTcpNoDelay(true).setAcceptBacklog(4096))
        .requestHandler(request -> handle(vertx, pool, request, workMs, notDue))
        .listen(port, "127.0.0.1")
        .onFailure(
            e -> {
              e.printStackTrace();
              System.exit(1);
            })
        .onSuccess(server -> System.out.println("cron stand-in on 127.0.0.1:" + port));
  }

  private static void handle(
      Vertx vertx, Pool pool, HttpServerRequest request, long workMs, String notDue) {
    String path = request.path();
    if (path.endsWith("/wp-cron.php")) {
      REQUESTS.incrementAndGet();
      String site = path.substring(1, path.length() - "/wp-cron.php".length());
      SITES.add(site);
      Runnable answer =
          () -> {
            request.response().setStatusCode(200).end();
            vertx.setTimer(Math.max(1, workMs), id -> run(pool, site, notDue));
          };
      if (latencyMs > 0) {
        vertx.setTimer(latencyMs, id -> answer.run());
      } else {
        answer.run();
      }
    } else if (path.startsWith("/__latency/")) {
      latencyMs = Long.parseLong(path.substring("/__latency/".length()));
      request.response().end("latency_ms=" + latencyMs + "\n");
    } else if (path.equals("/__stats")) {
      request.response().end("requests=" + REQUESTS.get() + " distinct=" + SITES.size() + "\n");
    } else if (path.equals("/__reset")) {
      REQUESTS.set(0);
      SITES.clear();
      request.response().end("reset\n");
    } else {
      request.response().setStatusCode(404).end();
    }
  }

  /** What wp-cron.php leaves behind: the due events gone (only future ones left). */
  private static void run(Pool pool, String site, String notDue) {
    if (!site.startsWith("s")) {
      return;
    }
    long blog = Long.parseLong(site.substring(1));
    String table = blog == 1 ? "wp_options" : "wp_" + blog + "_options";
    pool.preparedQuery("SELECT option_value FROM `" + table + "` WHERE option_name = 'cron'")
        .execute()
        .compose(
            rows -> {
              boolean ran = rows.size() == 1 && !notDue.equals(rows.iterator().next().getString(0));
              return ran
                  ? pool.preparedQuery(
                          "UPDATE `" + table + "` SET option_value = ? WHERE option_name = 'cron'")
                      .execute(Tuple.of(notDue))
                      .mapEmpty()
                  : io.vertx.core.Future.succeededFuture();
            })
        .onFailure(e -> System.err.println("blog " + blog + ": " + e.getMessage()));
  }
}
