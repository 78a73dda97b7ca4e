package org.allsitescron.api;

import static org.allsitescron.support.Api.BASE;
import static org.allsitescron.support.Api.authed;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.allsitescron.coordination.Lease;
import org.allsitescron.coordination.RunLock;
import org.allsitescron.support.QueueReset;
import org.allsitescron.support.SiteServer;
import org.allsitescron.support.SiteServer.Behavior;
import org.allsitescron.support.TestNetwork;
import org.allsitescron.worker.QueueWorker;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The examples of docs/api.md and docs/github-actions.md that show the service's answers, against
 * real answers of the service (20 stand-in sites, one failing with 500, one hanging). A block is
 * checked when the line before its fence is {@code <!-- example: NAME -->}: GitHub Actions text
 * line by line (URLs, run ids and numbers may differ), JSON by its field names and their kinds. The
 * real answers are written to {@code target/doc-examples/} for copying into the docs.
 */
@QuarkusTest
class DocExamplesTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Path API = Path.of("docs", "api.md");
  private static final Path GITHUB_ACTIONS = Path.of("docs", "github-actions.md");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern MARKED =
      Pattern.compile("<!-- example: ([\\w-]+) -->\\n```\\w*\\n(.*?)\\n```", Pattern.DOTALL);

  @Inject RunLock lock;
  @Inject QueueWorker worker;

  SiteServer sites = TestNetwork.sites();

  @BeforeEach
  void emptyQueueAndResetSites() {
    QueueReset.emptyQueueAndResetSites(worker, sites);
  }

  @Test
  void theGithubActionsOutputOfARunIsWhatTheDocsShow() throws IOException {
    sites.behave("site-02", Behavior.FAIL_500);
    sites.behave("site-03", Behavior.HANG);

    // 200 although a site failed: the step of the example workflow succeeds, as the docs say.
    String real =
        save(
            "ga-run.txt",
            authed()
                .queryParam("ga", "1")
                .get(BASE + "/run")
                .then()
                .statusCode(200)
                .extract()
                .asString());

    assertThat(normalizedLines(example(GITHUB_ACTIONS, "ga-run"))).isEqualTo(normalizedLines(real));
    assertThat(normalizedLines(example(API, "ga-run"))).isEqualTo(normalizedLines(real));
  }

  @Test
  void theJsonOfARunHasTheFieldsTheDocsShow() throws IOException {
    String real = save("run.json", authed().get(BASE + "/run").asString());

    assertThat(shape(example(API, "run"))).isEqualTo(shape(real));
  }

  @Test
  void theJsonOfADeferredTriggerHasTheFieldsTheDocsShow() throws IOException {
    String real =
        save("defer.json", authed().queryParam("defer", "1").get(BASE + "/run").asString());

    assertThat(shape(example(API, "defer"))).isEqualTo(shape(real));
  }

  @Test
  void theErrorJsonAndGithubActionsLineOfALockedRunAreWhatTheDocsShow() throws IOException {
    Lease held = lock.tryAcquire("doc-examples").await().atMost(WAIT).orElseThrow();
    try {
      String json = save("locked.json", authed().get(BASE + "/run").asString());
      String ga =
          save("locked-ga.txt", authed().queryParam("ga", "1").get(BASE + "/run").asString());

      assertThat(example(API, "locked")).isEqualTo(json.strip());
      assertThat(GITHUB_ACTIONS_TABLE_ROW.matcher(Files.readString(GITHUB_ACTIONS)).results())
          .extracting(m -> m.group(1))
          .contains(ga.strip());
    } finally {
      lock.release(held).await().atMost(WAIT);
    }
  }

  /** The second column of the "Other answers" table of github-actions.md. */
  private static final Pattern GITHUB_ACTIONS_TABLE_ROW =
      Pattern.compile("^\\| \\d{3} \\| `([^`]+)` \\|", Pattern.MULTILINE);

  private static String example(Path doc, String name) throws IOException {
    Matcher matcher = MARKED.matcher(Files.readString(doc));
    while (matcher.find()) {
      if (matcher.group(1).equals(name)) {
        return matcher.group(2).strip();
      }
    }
    throw new AssertionError(doc + " has no block marked <!-- example: " + name + " -->");
  }

  /** URLs, run ids and numbers vary from run to run; the wording and the order of lines may not. */
  static List<String> normalizedLines(String text) {
    return text.strip()
        .lines()
        .map(line -> line.replaceAll("https?://\\S+", "<url>"))
        .map(
            line ->
                line.replaceAll(
                    "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<id>"))
        .map(line -> line.replaceAll("\\d+", "<n>"))
        .toList();
  }

  /** Field name to JSON kind, nested objects flattened with dots. */
  static Map<String, String> shape(String json) throws IOException {
    Map<String, String> shape = new TreeMap<>();
    collect("", JSON.readTree(json), shape);
    return shape;
  }

  private static void collect(String prefix, JsonNode node, Map<String, String> shape) {
    node.fields()
        .forEachRemaining(
            field -> {
              String name = prefix + field.getKey();
              shape.put(name, field.getValue().getNodeType().name());
              if (field.getValue().isObject()) {
                collect(name + ".", field.getValue(), shape);
              }
            });
  }

  private static String save(String name, String answer) throws IOException {
    Path dir = Files.createDirectories(Path.of("target", "doc-examples"));
    Files.writeString(dir.resolve(name), answer);
    return answer;
  }
}
