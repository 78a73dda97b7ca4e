package org.allsitescron.config;

import static org.allsitescron.config.ConfigTestSupport.mapping;
import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LegacyNamesInterceptorTest {

  @Test
  void legacyNamesStillSetTheValues() {
    CronConfig config =
        mapping(
            Map.of(
                "dss-cron.rate-limit-seconds", "7",
                "dss-cron.number-of-sites", "12",
                "dss-cron.request-timeout", "0.01"));

    assertThat(config.rateLimitSeconds()).isEqualTo(7);
    assertThat(config.numberOfSites()).isEqualTo(12);
    assertThat(config.requestTimeout()).isEqualTo(Duration.ofMillis(10));
  }

  @Test
  void theNewNameWinsOverTheLegacyOne() {
    CronConfig config =
        mapping(
            Map.of(
                "dss-cron.rate-limit-seconds", "7",
                "all-sites-cron.rate-limit-seconds", "30"));

    assertThat(config.rateLimitSeconds()).isEqualTo(30);
  }

  @Test
  void theNewNameInALowerSourceStillWinsOverALegacyNameInAHigherOne() {
    CronConfig config =
        twoSources(
            Map.of("all-sites-cron.rate-limit-seconds", "10"),
            Map.of("dss-cron.rate-limit-seconds", "30"));

    assertThat(config.rateLimitSeconds()).isEqualTo(10);
  }

  @Test
  void aLegacyNameInAConfigFileBeatsTheDefault() {
    CronConfig config = twoSources(Map.of("dss-cron.rate-limit-seconds", "0"), Map.of());

    assertThat(config.rateLimitSeconds()).isZero();
  }

  @Test
  void aProfiledLegacyNameApplies() {
    CronConfig config =
        new SmallRyeConfigBuilder()
            .withProfile("prod")
            .withMapping(CronConfig.class)
            .withSources(
                new PropertiesConfigSource(
                    Map.of("%prod.dss-cron.number-of-sites", "3"), "application.yaml", 250))
            .withInterceptors(new LegacyNamesInterceptor())
            .build()
            .getConfigMapping(CronConfig.class);

    assertThat(config.numberOfSites()).isEqualTo(3);
  }

  /** A config file (ordinal 250) and, above it, something like the environment (300). */
  private static CronConfig twoSources(Map<String, String> file, Map<String, String> environment) {
    return new SmallRyeConfigBuilder()
        .withMapping(CronConfig.class)
        .withSources(new PropertiesConfigSource(file, "application.yaml", 250))
        .withSources(new PropertiesConfigSource(environment, "environment", 300))
        .withInterceptors(new LegacyNamesInterceptor())
        .build()
        .getConfigMapping(CronConfig.class);
  }

  @Test
  void withNeitherTheDefaultHolds() {
    assertThat(mapping(Map.of()).rateLimitSeconds()).isEqualTo(60);
  }
}
