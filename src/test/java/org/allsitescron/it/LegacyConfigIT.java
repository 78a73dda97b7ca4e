package org.allsitescron.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import org.allsitescron.support.ServiceProcess;
import org.allsitescron.support.SiteServer;
import org.junit.jupiter.api.Test;

/** The plugin's legacy setting names, as environment variables, still work, with a warning. */
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
}
