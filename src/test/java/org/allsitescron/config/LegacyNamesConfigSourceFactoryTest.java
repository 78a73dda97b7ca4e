package org.allsitescron.config;

import static org.allsitescron.config.ConfigTestSupport.mapping;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LegacyNamesConfigSourceFactoryTest {

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
  void withNeitherTheDefaultHolds() {
    assertThat(mapping(Map.of()).rateLimitSeconds()).isEqualTo(60);
  }
}
