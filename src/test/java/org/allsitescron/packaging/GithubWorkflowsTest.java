package org.allsitescron.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Parses every YAML file under .github (YAML 1.2, so {@code on:} stays a key) and checks the
 * workflow hygiene: explicit permissions, a runner per job, every action pinned.
 */
@SuppressWarnings("unchecked")
class GithubWorkflowsTest {

  private static final Path GITHUB = Path.of(".github");
  // owner/repo[/path]@<40-hex commit>; local (./) and docker:// references are pinned by nature.
  private static final Pattern PINNED =
      Pattern.compile("^(\\./.+|docker://.+@sha256:[0-9a-f]{64}|[\\w.-]+/[\\w./-]+@[0-9a-f]{40})$");
  // As written: the commit, then its release in a comment (what dependabot updates together).
  private static final Pattern USES_LINE =
      Pattern.compile("^\\s*(- )?uses: [\\w.-]+/[\\w./-]+@[0-9a-f]{40} # v\\d+\\.\\d+\\.\\d+$");

  @Test
  void everyWorkflowIsExplicitAndPinned() throws IOException {
    List<Path> workflows = yamlFiles(GITHUB.resolve("workflows"));
    assertThat(workflows)
        .extracting(p -> GITHUB.relativize(p).toString())
        .contains(
            "workflows/ci.yml",
            "workflows/release.yml",
            "workflows/examples/trigger-all-sites-cron.yml");

    for (Path file : workflows) {
      Map<String, Object> workflow = load(file);
      assertThat(workflow)
          .as("%s: top-level keys", file)
          .containsKeys("name", "on", "permissions", "jobs");
      Map<String, Map<String, Object>> jobs =
          (Map<String, Map<String, Object>>) workflow.get("jobs");
      assertThat(jobs).as("%s: jobs", file).isNotEmpty();
      jobs.forEach(
          (id, job) -> {
            assertThat(job).as("%s: job %s has runs-on", file, id).containsKey("runs-on");
            assertThat(job)
                .as("%s: job %s has timeout-minutes", file, id)
                .containsKey("timeout-minutes");
            List<Map<String, Object>> steps =
                (List<Map<String, Object>>) job.getOrDefault("steps", List.of());
            for (Map<String, Object> step : steps) {
              Object uses = step.get("uses");
              if (uses != null) {
                assertThat(uses.toString()).as("%s: job %s step uses", file, id).matches(PINNED);
              }
            }
          });
      assertThat(Files.readAllLines(file))
          .filteredOn(line -> line.strip().matches("(- )?uses: .*"))
          .allSatisfy(line -> assertThat(line).as(file.toString()).matches(USES_LINE));
    }
  }

  @Test
  void ciRunsTheProjectScriptOnTemurin17WithRedisAndMariaDb() throws IOException {
    Map<String, Object> ci = load(GITHUB.resolve("workflows/ci.yml"));
    Map<String, Object> build =
        (Map<String, Object>) ((Map<String, Object>) ci.get("jobs")).get("build");

    assertThat((Map<String, Object>) build.get("services")).containsKeys("redis", "mariadb");
    assertThat(build.get("steps").toString())
        .contains("bash .ci/run")
        .contains("distribution=temurin")
        .contains("java-version=17")
        .contains("cache=maven");
  }

  @Test
  void releaseRunsOnVersionTagsAndPublishesImagesAndChart() throws IOException {
    Map<String, Object> release = load(GITHUB.resolve("workflows/release.yml"));
    String text = Files.readString(GITHUB.resolve("workflows/release.yml"));

    assertThat(RenderedChart.path(release, "on", "push", "tags").toString()).contains("v*");
    assertThat(text)
        .contains("-Dquarkus.native.enabled=true -Dquarkus.native.sources-only=true")
        .contains("native-image $(cat native-image.args)")
        .contains("graalvm/setup-graalvm@")
        .contains("docker/build-push-action@")
        .contains("file: Dockerfile.native")
        .contains("file: src/main/docker/Dockerfile.jvm")
        .contains("helm package helm/all-sites-cron");
  }

  @Test
  void exampleTriggerPassesWorkflowCommandsThroughAndToleratesBusyAnswers() throws IOException {
    Map<String, Object> example =
        load(GITHUB.resolve("workflows/examples/trigger-all-sites-cron.yml"));
    String text = Files.readString(GITHUB.resolve("workflows/examples/trigger-all-sites-cron.yml"));

    assertThat((Map<String, Object>) example.get("on"))
        .containsKeys("schedule", "workflow_dispatch");
    assertThat(text)
        .doesNotContain("--retry")
        .contains("--connect-timeout 10 --max-time")
        .contains("Authorization: Bearer ${ALL_SITES_CRON_TOKEN}")
        .contains("secrets.ALL_SITES_CRON_TOKEN")
        .contains("/all-sites-cron/v1/run?ga=1&defer=")
        .contains("409)")
        .contains("429)");
  }

  @Test
  void dependabotWatchesMavenActionsAndDocker() throws IOException {
    Map<String, Object> dependabot = load(GITHUB.resolve("dependabot.yml"));

    assertThat(dependabot).containsEntry("version", 2);
    assertThat((List<Map<String, Object>>) dependabot.get("updates"))
        .extracting(u -> u.get("package-ecosystem"))
        .contains("maven", "github-actions", "docker");
  }

  @Test
  void everyYamlFileUnderGithubParses() throws IOException {
    for (Path file : yamlFiles(GITHUB)) {
      assertThat(load(file)).as(file.toString()).isNotEmpty();
    }
  }

  private static List<Path> yamlFiles(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml"))
          .sorted()
          .toList();
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> load(Path file) throws IOException {
    return (Map<String, Object>)
        new Load(LoadSettings.builder().build()).loadFromString(Files.readString(file));
  }
}
