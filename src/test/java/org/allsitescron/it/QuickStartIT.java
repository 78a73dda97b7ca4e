package org.allsitescron.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.allsitescron.support.FreePorts;
import org.allsitescron.support.ServiceProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's quick start, as written: its shell steps (stand-in sites on Python's web server, the
 * config file under {@code config/}) run by bash, then the service started from that directory.
 * Only the demo directory and the sites' port differ (a temporary directory, a free port).
 */
class QuickStartIT {

  private static final Pattern QUICK_START =
      Pattern.compile("## Quick start.*?```bash\\n(.*?)\\n```", Pattern.DOTALL);

  @Test
  void theReadmeQuickStartRunsBothSitesOnThisMachine(@TempDir Path demo) throws Exception {
    Matcher block = QUICK_START.matcher(Files.readString(Path.of("README.md")));
    assertThat(block.find()).as("README has a Quick start bash block").isTrue();
    List<String> lines = block.group(1).lines().toList();
    assertThat(lines.get(0)).isEqualTo("./mvnw -q package -DskipTests");
    assertThat(lines.get(lines.size() - 1)).isEqualTo("cd /tmp/asc-demo && java -jar \"$jar\"");
    int sitesPort = FreePorts.belowEphemeral();
    String steps =
        String.join("\n", lines.subList(1, lines.size() - 1))
                .replace("/tmp/asc-demo", demo.toString())
                .replace("8081", String.valueOf(sitesPort))
            + "\necho $! > \""
            + demo.resolve("python.pid")
            + "\"\n";
    Files.writeString(demo.resolve("steps.sh"), "set -euo pipefail\n" + steps);
    Path stepsLog = demo.resolve("steps.log");
    Process bash =
        new ProcessBuilder("bash", demo.resolve("steps.sh").toString())
            .redirectErrorStream(true)
            .redirectOutput(stepsLog.toFile())
            .start();
    assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(bash.exitValue()).as(Files.readString(stepsLog)).isZero();
    long python = Long.parseLong(Files.readString(demo.resolve("python.pid")).strip());
    try {
      await().atMost(Duration.ofSeconds(15)).until(() -> listening(sitesPort));
      try (ServiceProcess service = ServiceProcess.named("quick-start").directory(demo).start()) {
        Path config = demo.resolve("config/application.yaml");
        assertThat(service.output())
            .as(
                "%s (exists: %s):%n%s",
                config, Files.exists(config), Files.exists(config) ? Files.readString(config) : "")
            .contains("Listening on: http://127.0.0.1:" + service.port());
        service
            .api()
            .get("/all-sites-cron/v1/run")
            .then()
            .statusCode(200)
            .body("count", equalTo(2))
            .body("ok", equalTo(2));
        service.api().get("/all-sites-cron/v1/run").then().statusCode(429);
        assertThat(Files.readString(stepsLog))
            .contains("\"GET /site-a/wp-cron.php HTTP/1.1\" 200")
            .contains("\"GET /site-b/wp-cron.php HTTP/1.1\" 200");
      }
    } finally {
      ProcessHandle.of(python).ifPresent(ProcessHandle::destroy);
    }
  }

  private static boolean listening(int port) {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
