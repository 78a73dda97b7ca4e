package org.allsitescron.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Files;
import java.nio.file.Path;
import org.allsitescron.support.ServiceProcess;
import org.allsitescron.support.SiteServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin's legacy setting names still work, with a warning, in the environment and in config
 * files; the new name wins.
 */
class LegacyConfigIT {

  @Test
  void legacyEnvironmentVariablesStillWorkWithAWarning() throws Exception {
    try (SiteServer sites = SiteServer.start(0);
        ServiceProcess service =
            ServiceProcess.named("legacy")
                .env("DSS_CRON_RATE_LIMIT_SECONDS", "30")
                .env("DSS_CRON_NUMBER_OF_SITES", "1")
                .with("all-sites-cron.sites.static[0]", sites.url("127.0.0.1", "a"))
                .with("all-sites-cron.sites.static[1]", sites.url("127.0.0.1", "b"))
                .start()) {
      service.api().get("/all-sites-cron/v1/run").then().statusCode(200).body("count", equalTo(1));
      service
          .api()
          .get("/all-sites-cron/v1/run")
          .then()
          .statusCode(429)
          .body("cooldown", equalTo(30));

      assertThat(service.output())
          .contains(
              "dss-cron.rate-limit-seconds is deprecated: use all-sites-cron.rate-limit-seconds")
          .contains("dss-cron.number-of-sites is deprecated");
      assertThat(sites.hits("b")).isZero();
    }
  }

  @Test
  void legacyNamesInAConfigFileFromConfigLocationsWork(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("legacy.yaml");
    Files.writeString(
        file,
        """
        dss-cron:
          rate-limit-seconds: 0
          number-of-sites: 1
        """);
    try (SiteServer sites = SiteServer.start(0);
        ServiceProcess service =
            ServiceProcess.named("legacy-file")
                .with("quarkus.config.locations", file.toUri().toString())
                .with("all-sites-cron.sites.static[0]", sites.url("127.0.0.1", "a"))
                .with("all-sites-cron.sites.static[1]", sites.url("127.0.0.1", "b"))
                .start()) {
      // rate-limit-seconds 0 from the file: a second run right away is admitted, not a 429.
      service.api().get("/all-sites-cron/v1/run").then().statusCode(200).body("count", equalTo(1));
      service.api().get("/all-sites-cron/v1/run").then().statusCode(200).body("count", equalTo(1));

      assertThat(service.output())
          .contains("dss-cron.rate-limit-seconds is deprecated")
          .contains("dss-cron.number-of-sites is deprecated");
      assertThat(sites.hits("a")).isEqualTo(2);
      assertThat(sites.hits("b")).isZero();
    }
  }

  @Test
  void theNewNameInAConfigFileWinsOverALegacyEnvironmentVariable(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("new.yaml");
    Files.writeString(
        file,
        """
        all-sites-cron:
          rate-limit-seconds: 0
        """);
    try (SiteServer sites = SiteServer.start(0);
        ServiceProcess service =
            ServiceProcess.named("legacy-env-new-file")
                .env("DSS_CRON_RATE_LIMIT_SECONDS", "30")
                .with("quarkus.config.locations", file.toUri().toString())
                .with("all-sites-cron.sites.static[0]", sites.url("127.0.0.1", "a"))
                .start()) {
      service.api().get("/all-sites-cron/v1/run").then().statusCode(200);
      service.api().get("/all-sites-cron/v1/run").then().statusCode(200);

      assertThat(sites.hits("a")).isEqualTo(2);
    }
  }
}
