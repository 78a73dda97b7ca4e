package org.allsitescron.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The images run as a non-root user, on port 8080, from the paths the Helm chart expects. */
class DockerfilesTest {

  @Test
  void nativeImageIsAMultiStageMandrelBuildRunningAsUid1001() throws IOException {
    String dockerfile = Files.readString(Path.of("Dockerfile.native"));

    assertThat(dockerfile)
        .contains("FROM quay.io/quarkus/ubi9-quarkus-mandrel-builder-image:jdk-25 AS build")
        .contains(
            "./mvnw -B package -DskipTests -Dquarkus.native.enabled=true"
                + " -Dquarkus.native.sources-only=true")
        .contains("native-image $(cat native-image.args)")
        .contains("FROM quay.io/quarkus/ubi9-quarkus-micro-image:2.0")
        .contains("COPY --from=build /code/application /deployments/application")
        .contains("WORKDIR /deployments")
        .contains("EXPOSE 8080");
    assertThat(lastUser(dockerfile)).isEqualTo("1001");
  }

  @Test
  void jvmImageRunsTheFastJarAsNonRoot() throws IOException {
    String dockerfile = Files.readString(Path.of("src/main/docker/Dockerfile.jvm"));

    assertThat(dockerfile)
        .contains("ubi9/openjdk-17-runtime")
        .contains("COPY target/quarkus-app/lib/ /deployments/lib/")
        .contains("JAVA_APP_JAR=\"/deployments/quarkus-run.jar\"")
        .contains("WORKDIR /deployments")
        .contains("EXPOSE 8080");
    assertThat(lastUser(dockerfile)).isEqualTo("1001");
  }

  @Test
  void lintScriptCoversBothDockerfiles() throws IOException {
    assertThat(Files.readString(Path.of("ci/lint-dockerfiles.sh")))
        .contains("npx --yes dockerfilelint Dockerfile.native src/main/docker/Dockerfile.jvm");
  }

  private static String lastUser(String dockerfile) {
    List<String> users =
        dockerfile
            .lines()
            .filter(l -> l.startsWith("USER "))
            .map(l -> l.substring(5).strip())
            .toList();
    return users.get(users.size() - 1);
  }
}
