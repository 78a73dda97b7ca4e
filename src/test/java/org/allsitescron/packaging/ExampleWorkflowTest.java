package org.allsitescron.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.allsitescron.support.FreePorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Runs the script of the example GitHub workflow ({@code .github/workflows/examples/}) with bash
 * and curl against a stand-in of the service: a trigger that reached the service is never sent
 * again (429 with {@code Retry-After}, 5xx, a timeout after sending), one that reached nothing is.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExampleWorkflowTest {

  private static final Path EXAMPLE =
      Path.of(".github/workflows/examples/trigger-all-sites-cron.yml");
  private static final String TOKEN = "example-workflow-token";

  private final AtomicInteger status = new AtomicInteger();
  private final AtomicInteger delayMs = new AtomicInteger();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private HttpServer server;
  private String script;
  @TempDir Path work;

  @BeforeAll
  void start() throws IOException {
    assumeTrue(
        Stream.of(System.getenv("PATH").split(":"))
            .anyMatch(p -> Files.isExecutable(Path.of(p, "curl"))),
        "needs curl on PATH");
    script = triggerScript();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          requests.add(exchange.getRequestURI().toString());
          try {
            Thread.sleep(delayMs.get());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          byte[] body = ("::notice::answer " + status.get()).getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Retry-After", "1");
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

  @BeforeEach
  void reset() {
    requests.clear();
    delayMs.set(0);
  }

  @ParameterizedTest(name = "HTTP {0} -> exit {1}, sent once")
  @CsvSource({"200, 0", "202, 0", "409, 0", "429, 0", "401, 1", "500, 1", "502, 1", "503, 1"})
  void anAnswerIsFinalWhateverItIs(int answer, int expectedExit) throws Exception {
    status.set(answer);

    Run run = run("http://127.0.0.1:" + server.getAddress().getPort(), "10");

    assertThat(run.exit()).as(run.output()).isEqualTo(expectedExit);
    assertThat(requests).containsExactly("/all-sites-cron/v1/run?ga=1&defer=1");
    assertThat(run.output()).contains("::notice::answer " + answer).doesNotContain(TOKEN);
  }

  @Test
  void aTimeoutAfterSendingIsNotRepeated() throws Exception {
    status.set(200);
    delayMs.set(4000);

    Run run = run("http://127.0.0.1:" + server.getAddress().getPort(), "2");

    assertThat(run.exit()).as(run.output()).isEqualTo(1);
    assertThat(requests).hasSize(1);
    assertThat(run.output()).contains("Trigger failed with HTTP 000 (curl exit 28)");
  }

  @Test
  void aServiceThatCannotBeReachedIsTriedFourTimes() throws Exception {
    int closed = FreePorts.belowEphemeral();

    Run run = run("http://127.0.0.1:" + closed, "10");

    assertThat(run.exit()).as(run.output()).isEqualTo(1);
    assertThat(run.output().lines().filter(l -> l.startsWith("::warning::Could not reach")))
        .hasSize(3);
    assertThat(run.output()).contains("Trigger failed with HTTP 000 (curl exit 7)");
  }

  private record Run(int exit, String output) {}

  private Run run(String url, String maxTime) throws Exception {
    Path file = work.resolve("trigger.sh");
    Files.writeString(file, script);
    ProcessBuilder builder =
        new ProcessBuilder("bash", file.toString())
            .directory(work.toFile())
            .redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.put("URL", url);
    env.put("ALL_SITES_CRON_TOKEN", TOKEN);
    env.put("DEFER", "1");
    env.put("RETRY_DELAY", "0");
    env.put("MAX_TIME", maxTime);
    Files.deleteIfExists(work.resolve("response.txt"));
    Process process = builder.start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(
        process.exitValue(),
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  @SuppressWarnings("unchecked")
  private static String triggerScript() throws IOException {
    Map<String, Object> workflow =
        (Map<String, Object>)
            new Load(LoadSettings.builder().build()).loadFromString(Files.readString(EXAMPLE));
    Map<String, Object> job =
        (Map<String, Object>) ((Map<String, Object>) workflow.get("jobs")).get("trigger");
    List<Map<String, Object>> steps = (List<Map<String, Object>>) job.get("steps");
    return steps.stream()
        .filter(step -> "Trigger".equals(step.get("name")))
        .map(step -> (String) step.get("run"))
        .findFirst()
        .orElseThrow();
  }
}
