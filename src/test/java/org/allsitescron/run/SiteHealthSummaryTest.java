package org.allsitescron.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.allsitescron.config.ConfigTestSupport;
import org.allsitescron.config.CronConfig;
import org.allsitescron.coordination.local.LocalSiteHealthStore;
import org.junit.jupiter.api.Test;

/**
 * The network summary is read when a run starts and stored when it ends; a store that hangs or
 * fails there (Redis failing over) delays the run by at most the write deadline and never costs it
 * its report. The store is the real in-process one, with its summary calls broken.
 */
class SiteHealthSummaryTest {

  private static final Duration WAIT = HealthPass.WRITE_WITHIN.plusSeconds(10);
  private final CronConfig config = ConfigTestSupport.mapping(Map.of());

  /** The real store whose summary never answers, and whose summary writes fail. */
  private final LocalSiteHealthStore broken =
      new LocalSiteHealthStore(config) {
        @Override
        public Uni<Optional<String>> summary() {
          return Uni.createFrom().nothing();
        }

        @Override
        public Uni<Void> saveSummary(String json) {
          return Uni.createFrom().failure(new IllegalStateException("READONLY replica"));
        }
      };

  private final SiteHealth health =
      new SiteHealth(broken, new HealthSummaries(broken, new ObjectMapper()), config);

  @Test
  void aSummaryThatNeverComesStartsTheRunAfterTheDeadline() {
    long start = System.nanoTime();

    HealthPass pass = health.begin("r1", Instant.now(), true).await().atMost(WAIT);

    assertThat(pass).isNotNull();
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(HealthPass.WRITE_WITHIN);
  }

  @Test
  void aSummaryThatCannotBeStoredEndsTheRunAnyway() {
    HealthPass pass = new HealthPass(broken, new HealthRules(config), 10, "r1", 0, 60_000, true);

    // Completes (with no item) instead of failing the run's chain.
    health.conclude(pass, false).await().atMost(WAIT);
  }
}
