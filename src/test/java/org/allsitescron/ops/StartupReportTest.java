package org.allsitescron.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.ConfigMappings;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.allsitescron.config.ConfigTestSupport;
import org.allsitescron.config.CronConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the start-up report makes of URLs that may carry a password. */
class StartupReportTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "mysql://127.0.0.1:3306/wp | mysql://127.0.0.1:3306/wp",
        "mysql://wp:s3cret@db:3306/wp | mysql://wp:****@db:3306/wp",
        "mysql://wp:p@ss:w0rd@db/wp | mysql://wp:****@db/wp",
        "redis://:s3cret@redis:6379/0 | redis://:****@redis:6379/0",
        "redis://s3cret@redis:6379 | redis://****@redis:6379",
        "mysql://db/wp?user=wp&password=s3cret&ssl=true | mysql://db/wp?user=wp&password=****&ssl=true",
        "redis://a:x1@r1:6379,redis://b:x2@r2:6379 | redis://a:****@r1:6379,redis://b:****@r2:6379",
        "mysql://wp$1:s3cret@db/wp | mysql://wp$1:****@db/wp"
      })
  void passwordsInUrlsAreMasked(String url, String shown) {
    assertThat(StartupReport.maskUrl(url)).isEqualTo(shown).doesNotContain("s3cret");
  }

  @Test
  void everyKeyOfTheMappingIsShownWithTheValueInForce() {
    Map<String, String> shown =
        StartupReport.mapped(
            ConfigTestSupport.mapping(
                Map.of(
                    "all-sites-cron.auth-token", "s3cret",
                    "all-sites-cron.concurrency", "7",
                    "all-sites-cron.sites.source", "wordpress-db",
                    "all-sites-cron.sites.static[0]", "https://u:s3cret@a.example")));

    Set<String> keys =
        ConfigMappings.getProperties(
                ConfigMappings.ConfigClass.configClass(CronConfig.class, "all-sites-cron"))
            .keySet()
            .stream()
            .map(key -> key.replace("[*]", ""))
            .collect(Collectors.toSet());
    assertThat(shown.keySet()).containsExactlyInAnyOrderElementsOf(keys);
    assertThat(shown.values()).noneMatch(value -> value.contains("s3cret"));
    assertThat(shown)
        .containsEntry("all-sites-cron.auth-token", StartupReport.MASK)
        .containsEntry("all-sites-cron.require-auth", "true")
        .containsEntry("all-sites-cron.per-host-concurrency", "7")
        .containsEntry("all-sites-cron.cron-check.mode", "verify")
        .containsEntry("all-sites-cron.sites.source", "wordpress-db")
        .containsEntry("all-sites-cron.sites.static", "1 values")
        .containsEntry("all-sites-cron.redis.queue-key", "all_sites_cron:jobs")
        .containsEntry("all-sites-cron.request-timeout", "PT5S")
        .containsEntry("all-sites-cron.backoff.initial", StartupReport.NOT_SET);
  }
}
