package org.allsitescron.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.restassured.path.json.JsonPath;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.mysqlclient.MySQLConnectOptions;
import io.vertx.mysqlclient.MySQLConnection;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;

/**
 * The real WordPress multisite that {@code e2e/wordpress/setup.sh} runs, as its state file {@code
 * .state/env} describes it: the network's database, which blogs are eligible, how to arm every blog
 * with one due cron event, and the rows those events leave in {@code asc_e2e_runs}.
 */
final class WordpressRig implements AutoCloseable {

  /** Written by setup.sh; relative to the project directory, where Maven runs the tests. */
  static final Path STATE_FILE = Path.of("e2e", "wordpress", ".state", "env");

  /** System property; {@code required} turns a missing rig into a failure instead of a skip. */
  static final String REQUIRED_PROPERTY = "e2e.wordpress";

  private static final long ARM_TIMEOUT_SECONDS = 60;

  /** Longest wait for the rows of a run's executed events. */
  private static final Duration WAIT = Duration.ofSeconds(30);

  /**
   * wp-cron.php answers before it runs the events (fastcgi_finish_request); a site requested twice,
   * or an ineligible one, would leave its row a moment after the expected ones.
   */
  static final Duration SETTLE = Duration.ofMillis(1500);

  private final Map<String, String> values;
  private Vertx vertx;
  private MySQLConnection connection;

  private WordpressRig(Map<String, String> values) {
    this.values = values;
  }

  /** The rig when setup.sh has written its state file. */
  static Optional<WordpressRig> find() {
    if (!Files.isRegularFile(STATE_FILE)) {
      return Optional.empty();
    }
    try {
      return Optional.of(new WordpressRig(parse(Files.readAllLines(STATE_FILE))));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + STATE_FILE.toAbsolutePath(), e);
    }
  }

  /**
   * The rig; without one the calling test is skipped, or fails when {@code
   * -De2e.wordpress=required} (CI, where a skipped proof would pass unnoticed).
   */
  static WordpressRig requireOrSkip() {
    Optional<WordpressRig> rig = find();
    if (rig.isEmpty()) {
      String message =
          "No WordPress rig (%s is missing): run e2e/wordpress/setup.sh first"
              .formatted(STATE_FILE.toAbsolutePath());
      if ("required".equals(System.getProperty(REQUIRED_PROPERTY))) {
        fail(message + " (-D%s=required)".formatted(REQUIRED_PROPERTY));
      }
      Assumptions.abort(message);
    }
    return rig.get();
  }

  /**
   * {@code KEY=VALUE} lines, {@code #} comments; a value is single-quoted (no escapes) when it has
   * spaces, the way setup.sh writes it.
   */
  static Map<String, String> parse(List<String> lines) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String line : lines) {
      String trimmed = line.strip();
      int equals = trimmed.indexOf('=');
      if (trimmed.isEmpty() || trimmed.startsWith("#") || equals < 1) {
        continue;
      }
      String value = trimmed.substring(equals + 1);
      if (value.length() >= 2 && value.startsWith("'") && value.endsWith("'")) {
        value = value.substring(1, value.length() - 1);
      }
      values.put(trimmed.substring(0, equals), value);
    }
    return values;
  }

  /** A value of the state file; fails when setup.sh did not write it. */
  String get(String key) {
    String value = values.get(key);
    if (value == null) {
      throw new IllegalStateException(
          key + " is missing from " + STATE_FILE + ": run e2e/wordpress/setup.sh again");
    }
    return value;
  }

  /** A value of the state file, if setup.sh wrote it (an older rig may lack newer keys). */
  Optional<String> value(String key) {
    return Optional.ofNullable(values.get(key));
  }

  /** Blogs of network {@code WP_NETWORK_ID} that a run must reach, in blog_id order. */
  List<Long> eligibleBlogIds() {
    return ids("WP_ELIGIBLE_BLOG_IDS");
  }

  /** Archived, spam, deleted, private and other-network blogs: no run may reach them. */
  List<Long> ineligibleBlogIds() {
    return ids("WP_INELIGIBLE_BLOG_IDS");
  }

  /** The blog whose {@code wp_blogs} domain leads nowhere; only its siteurl option reaches it. */
  long mappedBlogId() {
    return Long.parseLong(get("WP_MAPPED_BLOG_ID"));
  }

  /** Empties {@code asc_e2e_runs} and gives every blog of every network one due event. */
  void arm() {
    arm(new String[0]);
  }

  /**
   * Arms a scenario ({@code due=…}, {@code silent=…}, {@code nositeurl=…}, {@code busy=…}, {@code
   * sleep_ms=N}; see {@code php/arm.php}); every blog is first put back to normal.
   */
  void arm(String... scenario) {
    try {
      List<String> command = new ArrayList<>();
      command.add(get("ARM_CMD"));
      command.addAll(Arrays.asList(scenario));
      Process arm = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(arm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!arm.waitFor(ARM_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        arm.destroyForcibly();
        fail("arm.sh did not finish in %d s: %s", ARM_TIMEOUT_SECONDS, output);
      }
      if (arm.exitValue() != 0) {
        fail("arm.sh exited %d: %s", arm.exitValue(), output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start arm.sh", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while arming", e);
    }
  }

  /** Executed cron events per blog_id ({@code COUNT_SQL}); blogs without any are absent. */
  Map<Long, Long> runsByBlog() {
    Map<Long, Long> runs = new LinkedHashMap<>();
    for (Row row : await(connection().query(get("COUNT_SQL")).execute())) {
      runs.put(row.getLong(0), row.getLong(1));
    }
    return runs;
  }

  /**
   * Executed cron events per scheme of the request that ran them, as WordPress saw it ({@code
   * is_ssl()}): {@code https} when nginx served it on the rig's TLS listener.
   */
  Map<String, Long> runsByScheme() {
    Map<String, Long> runs = new LinkedHashMap<>();
    String sql =
        "SELECT scheme, COUNT(*) FROM `" + get("WP_RUNS_TABLE") + "` GROUP BY scheme ORDER BY 1";
    for (Row row : await(connection().query(sql).execute())) {
      runs.put(row.getString(0), row.getLong(1));
    }
    return runs;
  }

  /**
   * Waits for every eligible blog's row, then checks that nothing else arrives: each eligible blog
   * ran its due event exactly once, the mapped blog among them (under its own domain, so reached at
   * its siteurl), no ineligible blog did.
   */
  void assertEachEligibleBlogRanOnce() throws InterruptedException {
    List<Long> eligible = eligibleBlogIds();
    Awaitility.await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () ->
                assertThat(runsByBlog())
                    .as("blogs whose due event has run (eligible: %s)", eligible)
                    .containsKeys(eligible.toArray(Long[]::new)));
    Thread.sleep(SETTLE.toMillis());

    Map<Long, Long> runs = runsByBlog();
    long mapped = mappedBlogId();
    assertThat(runs)
        .as("the mapped blog %d, reachable only at its siteurl", mapped)
        .containsEntry(mapped, 1L);
    assertThat(hostsThatRan(mapped)).containsExactly(get("WP_MAPPED_DOMAIN"));
    assertThat(runs)
        .as("executed events of ineligible blogs %s", ineligibleBlogIds())
        .doesNotContainKeys(ineligibleBlogIds().toArray(Long[]::new));
    assertThat(runs)
        .as("executed events per blog_id")
        .isEqualTo(eligible.stream().collect(Collectors.toMap(Function.identity(), id -> 1L)));
  }

  /** After {@link #SETTLE}, no blog has run an event (since the last arm). */
  void assertNoEventRan(String what) throws InterruptedException {
    Thread.sleep(SETTLE.toMillis());
    assertThat(runsByBlog()).as("events run by %s", what).isEmpty();
  }

  /**
   * When each {@code asc_e2e_sleep} event ran, as WordPress logged it: {started, ended} seconds.
   */
  List<double[]> spans() {
    List<double[]> spans = new ArrayList<>();
    for (Row row :
        await(connection().query("SELECT started, ended FROM asc_e2e_spans").execute())) {
      spans.add(new double[] {row.getDouble(0), row.getDouble(1)});
    }
    return spans;
  }

  /** nginx's access log of the rig (every request either server received). */
  Path accessLog() {
    return STATE_FILE.resolveSibling("nginx-access.log");
  }

  /** The {@code Host} under which each of the blog's events ran. */
  List<String> hostsThatRan(long blogId) {
    List<String> hosts = new ArrayList<>();
    String sql = "SELECT http_host FROM `" + get("WP_RUNS_TABLE") + "` WHERE blog_id = ?";
    for (Row row : await(connection().preparedQuery(sql).execute(Tuple.of(blogId)))) {
      hosts.add(row.getString(0));
    }
    return hosts;
  }

  /** Asks WordPress which blog answers at {@code siteUrl} (the must-use plugin's whoami). */
  Whoami whoami(String siteUrl) {
    JsonPath answer =
        given()
            .queryParam("asc_e2e_whoami", "1")
            .get(siteUrl + "/")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    return new Whoami(answer.getLong("blog_id"), answer.getString("siteurl"));
  }

  @Override
  public void close() {
    if (connection != null) {
      await(connection.close());
    }
    if (vertx != null) {
      await(vertx.close());
    }
  }

  private List<Long> ids(String key) {
    String list = get(key);
    return list.isBlank()
        ? List.of()
        : Arrays.stream(list.split(",")).map(String::strip).map(Long::valueOf).toList();
  }

  /** The network's database, as the WordPress user (the service reads it with the same one). */
  private MySQLConnection connection() {
    if (connection == null) {
      vertx = Vertx.vertx();
      MySQLConnectOptions options =
          MySQLConnectOptions.fromUri(get("WP_DB_REACTIVE_URL"))
              .setUser(get("WP_DB_USER"))
              .setPassword(get("WP_DB_PASSWORD"));
      connection = await(MySQLConnection.connect(vertx, options));
    }
    return connection;
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("WordPress database call failed: " + e.getMessage(), e);
    }
  }

  /** Which blog WordPress serves at a URL, and that blog's own siteurl option. */
  record Whoami(long blogId, String siteUrl) {}
}
