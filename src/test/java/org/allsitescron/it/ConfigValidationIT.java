package org.allsitescron.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.allsitescron.support.ServiceProcess;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A bad value stops start-up with a message naming the key and the value. */
class ConfigValidationIT {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "all-sites-cron.batch-size | 0 | all-sites-cron.batch-size",
        "all-sites-cron.concurrency | lots | lots",
        "all-sites-cron.request-timeout | soon | soon",
        "all-sites-cron.sites.static[0] | ftp://files.example | ftp://files.example",
        "all-sites-cron.sites.source | mysql | mysql",
        "all-sites-cron.use-redis-queue | true | quarkus.redis.hosts",
        "all-sites-cron.batch-sise | 5 | all-sites-cron.batch-sise",
        "all-sites-cron.sites.wordpress-db.table-prefix | wp_; DROP | all-sites-cron.sites.wordpress-db.table-prefix"
      })
  void refusesToStart(String key, String value, String named) throws Exception {
    try (ServiceProcess service = ServiceProcess.named("bad-config").with(key, value).launch()) {
      int exit = service.awaitExit(Duration.ofSeconds(60));

      assertThat(exit).isNotZero();
      assertThat(service.output()).contains(named).doesNotContain("Listening on");
    }
  }

  @ParameterizedTest
  @CsvSource({"ALL_SITES_CRON_REQUIRE_AUTH, true"})
  void requireAuthWithoutATokenStopsStartUp(String variable, String value) throws Exception {
    try (ServiceProcess service =
        ServiceProcess.named("no-token")
            .with("all-sites-cron.auth-token", "")
            .env(variable, value)
            .launch()) {
      assertThat(service.awaitExit(Duration.ofSeconds(60))).isNotZero();
      assertThat(service.output()).contains("all-sites-cron.require-auth=true");
    }
  }
}
