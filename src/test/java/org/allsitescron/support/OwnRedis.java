package org.allsitescron.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A redis-server of the test's own on a free port, which the test may stop and start again (never
 * the machine's shared Redis).
 */
public final class OwnRedis implements AutoCloseable {

  private final int port;
  private Process process;

  private OwnRedis(int port) {
    this.port = port;
  }

  public static OwnRedis start() throws IOException, InterruptedException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    OwnRedis redis = new OwnRedis(port);
    redis.up();
    return redis;
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
    process =
        new ProcessBuilder(
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
                dir.toAbsolutePath().toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("redis.log").toFile())
            .start();
    for (int i = 0; i < 100; i++) {
      Process ping =
          new ProcessBuilder("redis-cli", "-p", String.valueOf(port), "ping")
              .redirectErrorStream(true)
              .start();
      if (ping.waitFor(5, TimeUnit.SECONDS)
          && new String(ping.getInputStream().readAllBytes()).contains("PONG")) {
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
