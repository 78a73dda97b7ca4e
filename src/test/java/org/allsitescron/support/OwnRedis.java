package org.allsitescron.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A redis-server of the test's own on a free port, which the test may stop and start again (never
 * the machine's shared Redis).
 */
public final class OwnRedis implements AutoCloseable {

  private final int port;
  private final List<String> options;
  private final String password;
  private Process process;

  private OwnRedis(int port, List<String> options, String password) {
    this.port = port;
    this.options = options;
    this.password = password;
  }

  public static OwnRedis start() throws IOException, InterruptedException {
    return start(List.of());
  }

  /** With extra {@code redis-server} options, such as {@code --maxmemory 1mb}. */
  public static OwnRedis start(List<String> options) throws IOException, InterruptedException {
    return start(options, null);
  }

  /** With {@code --requirepass password} besides {@code options}. */
  public static OwnRedis start(List<String> options, String password)
      throws IOException, InterruptedException {
    OwnRedis redis = new OwnRedis(FreePorts.belowEphemeral(), List.copyOf(options), password);
    redis.up();
    return redis;
  }

  /** {@code redis-cli} against database 0 of this server (authenticated when it wants it). */
  public List<String> cli(String... command) throws IOException, InterruptedException {
    List<String> line = new ArrayList<>(List.of("redis-cli", "-p", String.valueOf(port), "--raw"));
    if (password != null) {
      line.addAll(List.of("--no-auth-warning", "-a", password));
    }
    line.addAll(List.of(command));
    Process cli = new ProcessBuilder(line).redirectErrorStream(true).start();
    String out = new String(cli.getInputStream().readAllBytes());
    if (!cli.waitFor(10, TimeUnit.SECONDS)) {
      cli.destroyForcibly();
      throw new IllegalStateException("redis-cli " + command[0] + " did not answer");
    }
    return out.isEmpty() ? List.of() : out.lines().toList();
  }

  public String url() {
    return "redis://127.0.0.1:" + port + "/0";
  }

  public int port() {
    return port;
  }

  /** Starts (again) on the same port. */
  public void up() throws IOException, InterruptedException {
    Path dir = Files.createDirectories(Path.of("target", "own-redis-" + port));
    List<String> command =
        new ArrayList<>(
            List.of(
                "redis-server",
                "--port",
                String.valueOf(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                dir.toAbsolutePath().toString()));
    command.addAll(options);
    if (password != null) {
      command.addAll(List.of("--requirepass", password));
    }
    process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("redis.log").toFile())
            .start();
    for (int i = 0; i < 100; i++) {
      Process ping =
          new ProcessBuilder("redis-cli", "-p", String.valueOf(port), "ping")
              .redirectErrorStream(true)
              .start();
      String answer = new String(ping.getInputStream().readAllBytes());
      // A server with a password answers NOAUTH: it is up all the same.
      if (ping.waitFor(5, TimeUnit.SECONDS)
          && (answer.contains("PONG") || answer.contains("NOAUTH"))) {
        return;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("redis-server did not start on " + port);
  }

  /** Stops the server (SIGKILL: as abrupt as an outage). */
  public void down() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      down();
    }
  }
}
