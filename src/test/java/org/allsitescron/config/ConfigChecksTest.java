package org.allsitescron.config;

import static org.allsitescron.config.ConfigTestSupport.mapping;
import static org.allsitescron.config.ConfigTestSupport.violations;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigChecksTest {

  @Test
  void theDefaultsAreGood() {
    assertThat(ConfigChecks.problems(mapping(Map.of()), false, false)).isEmpty();
  }

  @Test
  void parallelReadsOutsideOneToThirtyTwoAreNamed() {
    assertThat(violations(Map.of("all-sites-cron.sites.wordpress-db.parallel-reads", "0")))
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith(
                        "all-sites-cron.sites.wordpress-db.parallel-reads must be at least 1"));
    assertThat(violations(Map.of("all-sites-cron.sites.wordpress-db.parallel-reads", "33")))
        .anySatisfy(p -> assertThat(p).contains("parallel-reads must be at most 32 (got 33)"));
    assertThat(
            mapping(Map.of("all-sites-cron.sites.wordpress-db.parallel-reads", "8"))
                .sites()
                .wordpressDb()
                .parallelReads())
        .isEqualTo(8);
  }

  @Test
  void requireAuthWithoutTokenIsNamed() {
    List<String> problems =
        ConfigChecks.problems(mapping(Map.of("all-sites-cron.require-auth", "true")), false, false);

    assertThat(problems).singleElement().asString().contains("all-sites-cron.require-auth=true");
  }

  @Test
  void aNonHttpStaticUrlIsNamedWithItsIndexAndValue() {
    List<String> problems =
        ConfigChecks.problems(
            mapping(
                Map.of(
                    "all-sites-cron.sites.static[0]", "https://ok.example",
                    "all-sites-cron.sites.static[1]", "ftp://files.example")),
            false,
            false);

    assertThat(problems)
        .singleElement()
        .asString()
        .contains("all-sites-cron.sites.static[1]=ftp://files.example");
  }

  @Test
  void zeroTimeoutsAndAnOversizedPerHostCapAreNamed() {
    assertThat(violations(Map.of("all-sites-cron.request-timeout", "0")))
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith(
                        "all-sites-cron.request-timeout must be greater than 0 (got PT0S)"));
    List<String> problems =
        ConfigChecks.problems(
            mapping(
                Map.of(
                    "all-sites-cron.concurrency", "10",
                    "all-sites-cron.per-host-concurrency", "11")),
            false,
            false);

    assertThat(problems)
        .anySatisfy(p -> assertThat(p).startsWith("all-sites-cron.per-host-concurrency=11"));
  }

  @Test
  void everyTimeThatMustBePositiveIsCheckedByBeanValidation() {
    List<String> keys =
        List.of(
            "request-timeout",
            "lock-timeout",
            "worker.poll-interval",
            "metrics.queue-poll-interval",
            "backoff.max",
            "backoff.initial",
            "health.behind-after",
            "health.ttl",
            "cron-check.settle-timeout",
            "cron-check.poll-interval");
    for (String key : keys) {
      assertThat(violations(Map.of("all-sites-cron." + key, "0s")))
          .singleElement()
          .asString()
          .isEqualTo("all-sites-cron." + key + " must be greater than 0 (got PT0S)");
    }
    assertThat(violations(Map.of("all-sites-cron.shutdown-grace", "0s"))).isEmpty();
    assertThat(violations(Map.of("all-sites-cron.redis.dead-letters.max-entries", "0")))
        .singleElement()
        .asString()
        .startsWith("all-sites-cron.redis.dead-letters.max-entries must be at least 1 (got 0)");
  }

  @Test
  void sourcesAndRedisNeedTheirConnections() {
    CronConfig config =
        mapping(
            Map.of(
                "all-sites-cron.use-redis-queue", "true",
                "all-sites-cron.sites.source", "wordpress-db"));

    assertThat(ConfigChecks.problems(config, false, false))
        .anySatisfy(p -> assertThat(p).contains("quarkus.redis.hosts"))
        .anySatisfy(p -> assertThat(p).contains("quarkus.datasource.reactive.url"));
    assertThat(ConfigChecks.problems(config, true, true)).isEmpty();
  }

  @Test
  void cronCheckDefaultsToVerifyWithTheDatabaseAndOffWithAStaticList() {
    CronConfig db = mapping(Map.of("all-sites-cron.sites.source", "wordpress-db"));
    assertThat(db.effectiveCronCheckMode()).isEqualTo(CronConfig.CronCheckMode.VERIFY);
    assertThat(db.cronCheck().settleTimeout()).hasSeconds(60);
    assertThat(db.cronCheck().pollInterval()).hasMillis(250);
    assertThat(mapping(Map.of()).effectiveCronCheckMode()).isEqualTo(CronConfig.CronCheckMode.OFF);
    assertThat(
            mapping(
                    Map.of(
                        "all-sites-cron.sites.source", "wordpress-db",
                        "all-sites-cron.cron-check.mode", "due"))
                .effectiveCronCheckMode())
        .isEqualTo(CronConfig.CronCheckMode.DUE);
  }

  @Test
  void aCronCheckWithAStaticListIsRefusedNamingTheKey() {
    for (String mode : List.of("verify", "due")) {
      List<String> problems =
          ConfigChecks.problems(
              mapping(Map.of("all-sites-cron.cron-check.mode", mode)), false, false);

      assertThat(problems)
          .singleElement()
          .asString()
          .startsWith("all-sites-cron.cron-check.mode=" + mode)
          .contains("wordpress-db");
    }
    assertThat(
            ConfigChecks.problems(
                mapping(Map.of("all-sites-cron.cron-check.mode", "off")), false, false))
        .isEmpty();
  }

  @Test
  void zeroCronCheckTimesAreNamed() {
    List<String> problems =
        violations(
            Map.of(
                "all-sites-cron.cron-check.settle-timeout", "0",
                "all-sites-cron.cron-check.poll-interval", "0ms"));

    assertThat(problems)
        .anySatisfy(p -> assertThat(p).startsWith("all-sites-cron.cron-check.settle-timeout "))
        .anySatisfy(p -> assertThat(p).startsWith("all-sites-cron.cron-check.poll-interval "));
  }
}
