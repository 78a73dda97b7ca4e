package org.allsitescron.support;

import static org.awaitility.Awaitility.await;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The built service ({@code target/quarkus-app/quarkus-run.jar}) as a separate process, on a free
 * port (see {@link FreePorts}), with its output in a file under {@code target/}: what the {@code
 * …IT} tests run.
 */
public final class ServiceProcess implements AutoCloseable {

  private final String name;
  private final int port;
  private final Process process;
  private final Path log;

  private ServiceProcess(String name, int port, Process process, Path log) {
    this.name = name;
    this.port = port;
    this.process = process;
    this.log = log;
  }

  /** A builder for a replica called {@code name} (also its {@code HOSTNAME}). */
  public static Builder named(String name) {
    return new Builder(name);
  }

  public int port() {
    return port;
  }

  public String name() {
    return name;
  }

  /** Requests to this replica, authenticated with the test token. */
  public RequestSpecification api() {
    return RestAssured.given()
        .baseUri("http://127.0.0.1")
        .port(port)
        .header("Authorization", "Bearer " + Api.TOKEN);
  }

  /** The file the process prints to. */
  public Path log() {
    return log;
  }

  /** Everything the process printed so far. */
  public String output() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "";
    }
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public long pid() {
    return process.pid();
  }

  /** SIGKILL: the replica dies at once, leaving whatever it held. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM, then waits for the exit; returns the exit code. */
  public int terminate(Duration within) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError(name + " did not exit within " + within + ":\n" + output());
    }
    return process.exitValue();
  }

  /** Waits for the process to exit by itself; returns the exit code. */
  public int awaitExit(Duration within) throws InterruptedException {
    if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(name + " did not exit within " + within + ":\n" + output());
    }
    return process.exitValue();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  /** Settings of a replica before it starts. */
  public static final class Builder {
    private final String name;
    private final Map<String, String> properties = new LinkedHashMap<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final List<String> args = new ArrayList<>();
    private String maxHeap = "256m";
    private Path directory;

    private Builder(String name) {
      this.name = name;
      properties.put("all-sites-cron.auth-token", Api.TOKEN);
    }

    /** A {@code -D} system property. */
    public Builder with(String key, String value) {
      properties.put(key, value);
      return this;
    }

    /** An environment variable. */
    public Builder env(String key, String value) {
      environment.put(key, value);
      return this;
    }

    /** The JVM's {@code -Xmx} (256m by default, the chart's limit allows it). */
    public Builder maxHeap(String size) {
      this.maxHeap = size;
      return this;
    }

    /** The working directory (where Quarkus looks for {@code config/application.yaml}). */
    public Builder directory(Path value) {
      directory = value;
      return this;
    }

    /** Program arguments (such as {@code cleanup}). */
    public Builder args(String... values) {
      args.addAll(List.of(values));
      return this;
    }

    /** Starts the process without waiting for it to be ready. */
    public ServiceProcess launch() throws IOException {
      int port = FreePorts.belowEphemeral();
      Path jar = Path.of(System.getProperty("runner.jar", "target/quarkus-app/quarkus-run.jar"));
      if (!Files.exists(jar)) {
        throw new IllegalStateException(jar + " is missing: run ./mvnw verify (it packages first)");
      }
      Path log =
          Files.createDirectories(Path.of("target", "it-logs")).resolve(name + "-" + port + ".log");
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.add("-Xmx" + maxHeap);
      command.add("-Dquarkus.http.port=" + port);
      properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
      command.add("-jar");
      command.add(jar.toAbsolutePath().toString());
      command.addAll(args);
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toAbsolutePath().toFile());
      if (directory != null) {
        builder.directory(directory.toFile());
      }
      builder.environment().put("HOSTNAME", name);
      builder.environment().putAll(environment);
      return new ServiceProcess(name, port, builder.start(), log);
    }

    /** Starts the process and waits until it answers on its readiness probe. */
    public ServiceProcess start() throws IOException {
      ServiceProcess service = launch();
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(200))
          .until(
              () -> {
                if (!service.isAlive()) {
                  throw new AssertionError(name + " exited:\n" + service.output());
                }
                return service.output().contains("Listening on");
              });
      return service;
    }
  }
}
