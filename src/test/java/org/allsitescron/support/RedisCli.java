package org.allsitescron.support;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code redis-cli} against one database of a Redis, for tests that look at keys directly. */
public final class RedisCli {

  private final int port;
  private final int database;

  public RedisCli(int port, int database) {
    this.port = port;
    this.database = database;
  }

  /** Runs one command; returns its raw output lines. */
  public List<String> run(String... command) {
    List<String> line =
        new ArrayList<>(
            List.of(
                "redis-cli", "-p", String.valueOf(port), "-n", String.valueOf(database), "--raw"));
    line.addAll(List.of(command));
    try {
      Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes());
      if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException("redis-cli " + command[0] + " failed: " + out);
      }
      return out.isEmpty() ? List.of() : out.lines().toList();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The value of a string key, or null. */
  public String get(String key) {
    List<String> out = run("GET", key);
    return out.isEmpty() || out.get(0).isEmpty() ? null : out.get(0);
  }

  public long number(String... command) {
    return Long.parseLong(run(command).get(0).trim());
  }

  /** Keys matching a glob (SCAN). */
  public List<String> keys(String pattern) {
    List<String> line = new ArrayList<>(List.of("--scan", "--pattern", pattern));
    return run(line.toArray(String[]::new));
  }

  /** Deletes every key matching {@code pattern}. */
  public void deleteAll(String pattern) {
    for (String key : keys(pattern)) {
      run("DEL", key);
    }
  }
}
