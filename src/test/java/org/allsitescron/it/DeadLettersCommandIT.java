package org.allsitescron.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.allsitescron.support.RedisCli;
import org.allsitescron.support.ServiceProcess;
import org.allsitescron.support.SharedRedis;
import org.allsitescron.support.SiteServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code java -jar … dead-letters list|replay|purge}, and the bounds of the dead-letter list: a
 * service's worker buries junk jobs (a 2 MB one among them), keeping only the newest entries, each
 * cut to the configured length with a note.
 */
class DeadLettersCommandIT {

  private static final int DB = 14;
  private static final String QUEUE = "all_sites_cron:jobs";
  private static final String DEAD = "all_sites_cron:jobs:dead";
  private static final ObjectMapper JSON = new ObjectMapper();
  private final RedisCli redis = new RedisCli(SharedRedis.PORT, DB);

  @AfterEach
  void clean() {
    redis.deleteAll("all_sites_cron:*");
  }

  @Test
  void buryingKeepsTheNewestEntriesEachCutToTheConfiguredLength() throws Exception {
    String huge = "x".repeat(2 * 1024 * 1024);
    rpush(QUEUE, huge);
    for (int i = 1; i <= 4; i++) {
      redis.run("RPUSH", QUEUE, "junk-" + i);
    }

    try (SiteServer sites = SiteServer.start(0);
        ServiceProcess service =
            ServiceProcess.named("dead-letters-bury")
                .with("quarkus.redis.hosts", SharedRedis.url(DB))
                .with("all-sites-cron.sites.static[0]", sites.url("127.0.0.1", "a"))
                .with("all-sites-cron.redis.dead-letters.max-entries", "3")
                .with("all-sites-cron.redis.dead-letters.max-job-length", "1000")
                .start()) {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> redis.number("LLEN", QUEUE) == 0 && service.output().contains("junk-4"));
    }

    List<String> dead = redis.run("LRANGE", DEAD, "0", "-1");
    assertThat(dead).hasSize(3);
    assertThat(dead.stream().map(DeadLettersCommandIT::job))
        .containsExactly("junk-2", "junk-3", "junk-4");
    assertThat(redis.number("MEMORY", "USAGE", DEAD)).isLessThan(10_000);

    // The huge one alone, kept but cut.
    redis.run("DEL", DEAD);
    rpush(QUEUE, huge);
    try (SiteServer sites = SiteServer.start(0);
        ServiceProcess service =
            ServiceProcess.named("dead-letters-cut")
                .with("quarkus.redis.hosts", SharedRedis.url(DB))
                .with("all-sites-cron.sites.static[0]", sites.url("127.0.0.1", "a"))
                .with("all-sites-cron.redis.dead-letters.max-job-length", "1000")
                .start()) {
      await().atMost(Duration.ofSeconds(30)).until(() -> redis.number("LLEN", DEAD) == 1);
    }
    JsonNode entry = JSON.readTree(redis.run("LRANGE", DEAD, "0", "0").get(0));
    assertThat(entry.get("job").asText()).hasSize(1000);
    assertThat(entry.get("truncated").asBoolean()).isTrue();
    assertThat(entry.get("job_length").asLong()).isEqualTo(huge.getBytes(UTF_8).length);
    assertThat(entry.get("reason").asText()).startsWith("malformed job");

    ServiceProcess list = command("list");
    assertThat(list.awaitExit(Duration.ofSeconds(60))).isZero();
    assertThat(list.output())
        .contains("#1 buried ")
        .contains("job (truncated, 2097152 bytes): xxx")
        .contains("1 dead letter(s)");
  }

  @Test
  void listShowsTheOldestFirstWithinTheLimit() throws Exception {
    bury("{\"timestamp\":1700000000,\"retries\":3}", "lock still held after 3 retries");
    bury("not json", "malformed job: not JSON");
    bury("{\"timestamp\":1700000001}", "lock still held after 3 retries");

    ServiceProcess all = command("list");
    assertThat(all.awaitExit(Duration.ofSeconds(60))).isZero();
    assertThat(all.output())
        .contains(
            "#1 buried 2023-11-14T22:13:20Z, reason: lock still held after 3 retries; job:"
                + " {\"timestamp\":1700000000,\"retries\":3}")
        .contains("#2 buried 2023-11-14T22:13:20Z, reason: malformed job: not JSON; job: not json")
        .contains("3 dead letter(s)")
        .doesNotContain("Listening on: http");

    ServiceProcess limited = command("list", "--limit", "1");
    assertThat(limited.awaitExit(Duration.ofSeconds(60))).isZero();
    assertThat(limited.output())
        .contains("#1 buried")
        .doesNotContain("#2 buried")
        .contains("3 dead letter(s), the oldest 1 shown (--limit)");
  }

  @Test
  void replayQueuesTheJobAgainFromRetryZeroAndRefusesWhatCannotRun() throws Exception {
    bury(
        "{\"timestamp\":1700000000,\"retries\":3,\"run_id\":\"r-1\",\"retry_at\":99}",
        "lock still held after 3 retries");
    bury("not json", "malformed job: not JSON");

    ServiceProcess first = command("replay", "1");
    assertThat(first.awaitExit(Duration.ofSeconds(60))).isZero();
    assertThat(first.output()).contains("#1 queued again").contains("1 job(s) queued again, 0 not");

    List<String> queued = redis.run("LRANGE", QUEUE, "0", "-1");
    assertThat(queued).hasSize(1);
    JsonNode job = JSON.readTree(queued.get(0));
    assertThat(job.get("run_id").asText()).isEqualTo("r-1");
    assertThat(job.get("retries").asInt()).isZero();
    assertThat(job.has("retry_at")).isFalse();
    assertThat(redis.run("LRANGE", DEAD, "0", "-1")).hasSize(1);

    ServiceProcess malformed = command("replay", "--all");
    assertThat(malformed.awaitExit(Duration.ofSeconds(60))).isEqualTo(1);
    assertThat(malformed.output()).contains("#1 not replayed: its job is malformed (not JSON)");
    assertThat(redis.run("LRANGE", DEAD, "0", "-1")).hasSize(1);
    assertThat(redis.number("LLEN", QUEUE)).isEqualTo(1);

    ServiceProcess missing = command("replay", "5");
    assertThat(missing.awaitExit(Duration.ofSeconds(60))).isEqualTo(1);
    assertThat(missing.output()).contains("#5: no such entry (1 dead letter(s))");
  }

  @Test
  void purgeEmptiesTheListAndBadArgumentsExit2() throws Exception {
    bury("{\"timestamp\":1}", "a");
    bury("{\"timestamp\":2}", "b");
    redis.run("RPUSH", QUEUE, "{\"timestamp\":3}");

    ServiceProcess purge = command("purge");
    assertThat(purge.awaitExit(Duration.ofSeconds(60))).isZero();
    assertThat(purge.output()).contains("Purge done: 2 dead letter(s) removed");
    assertThat(redis.number("LLEN", DEAD)).isZero();
    assertThat(redis.number("LLEN", QUEUE)).isEqualTo(1);

    ServiceProcess bad = command("list", "--limit", "lots");
    assertThat(bad.awaitExit(Duration.ofSeconds(60))).isEqualTo(2);
    assertThat(bad.output()).contains("Usage: dead-letters list [--limit N]");
  }

  private void bury(String job, String reason) {
    String entry =
        JSON.createObjectNode()
            .put("job", job)
            .put("reason", reason)
            .put("buried_at", 1_700_000_000L)
            .toString();
    redis.run("RPUSH", DEAD, entry);
  }

  private static String job(String entry) {
    try {
      return JSON.readTree(entry).get("job").asText();
    } catch (IOException e) {
      throw new AssertionError(entry, e);
    }
  }

  private ServiceProcess command(String... args) throws Exception {
    String[] all = new String[args.length + 1];
    all[0] = "dead-letters";
    System.arraycopy(args, 0, all, 1, args.length);
    return ServiceProcess.named("dead-letters-it")
        .with("quarkus.redis.hosts", SharedRedis.url(DB))
        .args(all)
        .launch();
  }

  /** {@code RPUSH} over the protocol itself: a 2 MB value is too long for a command line. */
  private static void rpush(String key, String value) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", SharedRedis.PORT)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(resp("SELECT", String.valueOf(DB)));
      out.write(resp("RPUSH", key, value));
      out.flush();
      InputStream in = socket.getInputStream();
      String replies = readLines(in, 2);
      assertThat(replies).startsWith("+OK").contains(":");
    }
  }

  private static byte[] resp(String... parts) {
    StringBuilder command = new StringBuilder("*").append(parts.length).append("\r\n");
    for (String part : parts) {
      command
          .append('$')
          .append(part.getBytes(StandardCharsets.UTF_8).length)
          .append("\r\n")
          .append(part)
          .append("\r\n");
    }
    return command.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String readLines(InputStream in, int lines) throws IOException {
    ByteArrayOutputStream read = new ByteArrayOutputStream();
    int seen = 0;
    while (seen < lines) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      read.write(b);
      if (b == '\n') {
        seen++;
      }
    }
    return read.toString(StandardCharsets.UTF_8);
  }
}
