package org.allsitescron.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Runs the shell script of the rendered CronJob with the local sh and curl against a stub of the
 * service on a dynamic port, and checks its exit status for each answer the service can give.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CronJobTriggerTest {

  private static final String TOKEN = "s3cr3t-token-for-the-trigger";

  private final AtomicInteger status = new AtomicInteger();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private HttpServer server;
  private Container trigger;

  @BeforeAll
  void start(@TempDir Path dir) throws IOException {
    assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs /bin/sh");
    assumeTrue(
        Stream.of(System.getenv("PATH").split(":"))
            .anyMatch(p -> Files.isExecutable(Path.of(p, "curl"))),
        "needs curl on PATH");
    trigger =
        RenderedChart.render(dir, "auth.token", TOKEN)
            .one(CronJob.class)
            .getSpec()
            .getJobTemplate()
            .getSpec()
            .getTemplate()
            .getSpec()
            .getContainers()
            .get(0);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          requests.add(
              exchange.getRequestMethod()
                  + " "
                  + exchange.getRequestURI()
                  + " "
                  + exchange.getRequestHeaders().getFirst("Authorization"));
          byte[] body = ("{\"status\":" + status.get() + "}").getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status.get(), body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @ParameterizedTest(name = "HTTP {0} -> exit {1}")
  @CsvSource({
    "200, 0", "202, 0", "409, 0", "429, 0", "400, 1", "401, 1", "403, 1", "500, 1", "503, 1"
  })
  void exitsZeroOnlyWhenTheTriggerWasAcceptedOrNeedlessToRepeat(int answer, int expectedExit)
      throws Exception {
    status.set(answer);
    requests.clear();

    Process process = runTrigger();

    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(output).isEqualTo(expectedExit);
    assertThat(requests).containsExactly("GET /all-sites-cron/v1/run?defer=1 Bearer " + TOKEN);
    assertThat(output).contains("{\"status\":" + answer + "}").doesNotContain(TOKEN);
  }

  private Process runTrigger() throws IOException {
    String renderedUrl = env("RUN_URL");
    URI uri = URI.create(renderedUrl);
    String localUrl =
        "http://127.0.0.1:"
            + server.getAddress().getPort()
            + uri.getRawPath()
            + "?"
            + uri.getRawQuery();
    ProcessBuilder builder = new ProcessBuilder(trigger.getCommand()).redirectErrorStream(true);
    builder.environment().put("RUN_URL", localUrl);
    builder.environment().put("MAX_TIME", env("MAX_TIME"));
    // In the cluster this comes from the Secret through secretKeyRef.
    builder.environment().put("ALL_SITES_CRON_AUTH_TOKEN", TOKEN);
    return builder.start();
  }

  private String env(String name) {
    return trigger.getEnv().stream()
        .filter(e -> e.getName().equals(name))
        .map(EnvVar::getValue)
        .findFirst()
        .orElseThrow();
  }
}
