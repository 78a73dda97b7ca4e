package org.allsitescron.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.allsitescron.config.ConfigTestSupport;
import org.allsitescron.coordination.SiteHealthStore;
import org.allsitescron.coordination.SiteRecord;
import org.allsitescron.coordination.SiteSlice;
import org.allsitescron.coordination.local.LocalSiteHealthStore;
import org.allsitescron.sites.Site;
import org.junit.jupiter.api.Test;

/**
 * A run's health pass when the store is slower than the pass's flush interval (a busy Redis):
 * outcomes that trickle in (sites that time out) are all written, the run's stream never fails for
 * lack of demand ("Cannot emit item due to lack of requests"), one write goes at a time, and a full
 * batch holds the run until the store took it. The store is the real in-process one, slowed.
 */
class HealthPassTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final long RUN_START = System.currentTimeMillis();
  private final HealthRules rules =
      new HealthRules(true, 3, Duration.ofHours(1), Duration.ofMinutes(15));
  private final LocalSiteHealthStore local =
      new LocalSiteHealthStore(ConfigTestSupport.mapping(Map.of()));

  @Test
  void outcomesTricklingInWhileAWriteIsSlowAreAllWritten() {
    // A write takes longer than the flush interval: a timed flush comes while one is going on.
    Slowed store = new Slowed(local, HealthPass.FLUSH_EVERY.multipliedBy(3).dividedBy(2));
    HealthPass pass = pass(store, 100, 6);

    List<SiteOutcome> passed =
        pass.record(trickle(6, Duration.ofMillis(300))).collect().asList().await().atMost(WAIT);

    assertThat(passed).hasSize(6);
    assertThat(stored()).containsOnlyKeys(1L, 2L, 3L, 4L, 5L, 6L);
    assertThat(store.mostAtOnce.get()).isEqualTo(1);
    assertThat(store.writes.get()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void aFullBatchWaitsForTheStoreAndWritesGoOneAtATime() {
    Slowed store = new Slowed(local, Duration.ofMillis(400));
    HealthPass pass = pass(store, 2, 6);
    long start = System.nanoTime();

    List<SiteOutcome> passed =
        pass.record(trickle(6, Duration.ZERO)).collect().asList().await().atMost(WAIT);

    // Three full batches, one after the other: the run waited for each.
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(1_100));
    assertThat(passed).hasSize(6);
    assertThat(store.writes.get()).isEqualTo(3);
    assertThat(store.mostAtOnce.get()).isEqualTo(1);
    assertThat(stored()).hasSize(6);
  }

  @Test
  void aWriteThatFailsLeavesTheRunGoing() {
    SiteHealthStore refusing =
        new Slowed(local, Duration.ZERO) {
          @Override
          public Uni<Void> save(List<SiteRecord> records) {
            return Uni.createFrom().failure(new IllegalStateException("disk full"));
          }
        };
    HealthPass pass = pass(refusing, 2, 5);

    List<SiteOutcome> passed =
        pass.record(trickle(5, Duration.ZERO)).collect().asList().await().atMost(WAIT);

    assertThat(passed).hasSize(5);
    assertThat(stored()).isEmpty();
  }

  @Test
  void aSiteWithCredentialsInItsUrlIsRecordedRedactedAndBacksOff() {
    Site secret = new Site(7, "http://user:pa55word@127.0.0.1:1/site-7");
    SiteOutcome timedOut = new SiteOutcome(secret.displayUrl(), Outcome.TIMEOUT, 0, "timeout", 1);
    List<Site> skipped = new java.util.ArrayList<>();

    for (int run = 1; run <= 4; run++) {
      HealthPass pass = new HealthPass(local, rules, 10, "r" + run, RUN_START, 60_000, true);
      List<Site> read =
          pass.screen(Multi.createFrom().item(secret)).collect().asList().await().atMost(WAIT);
      List<Site> requested = new java.util.ArrayList<>();
      for (Site site : read) {
        pass.backedOff(site)
            .ifPresentOrElse(
                outcome -> {
                  assertThat(outcome.url()).doesNotContain("pa55word");
                  skipped.add(site);
                },
                () -> requested.add(site));
      }
      pass.record(Multi.createFrom().items(requested.stream().map(site -> timedOut)))
          .collect()
          .asList()
          .await()
          .atMost(WAIT);
    }

    SiteRecord record = local.read(List.of(7L)).await().atMost(WAIT).get(7L);
    assertThat(record).isNotNull();
    assertThat(record.url()).isEqualTo("http://user:***@127.0.0.1:1/site-7");
    assertThat(record.failures()).isEqualTo(3);
    assertThat(skipped).containsExactly(secret);
  }

  @Test
  void aDuplicateSiteLeavesTheEntryOfTheSiteItDuplicatesAlone() {
    Site first = site(1);
    Site duplicate = new Site(2, first.url()).asDuplicate();
    HealthPass pass = new HealthPass(local, rules, 10, "r1", RUN_START, 60_000, true);

    pass.screen(Multi.createFrom().items(first, duplicate)).collect().asList().await().atMost(WAIT);
    pass.record(Multi.createFrom().item(new SiteOutcome(first.url(), Outcome.TIMEOUT, 0, "t", 1)))
        .collect()
        .asList()
        .await()
        .atMost(WAIT);

    // The run never requests the duplicate: the outcome is the first site's, stored as blog 1.
    assertThat(stored()).containsOnlyKeys(1L);
    assertThat(pass.backedOff(duplicate)).isEmpty();
  }

  /** A full pass whose screen has read sites 1..{@code sites}. */
  private HealthPass pass(SiteHealthStore store, int batchSize, int sites) {
    HealthPass pass = new HealthPass(store, rules, batchSize, "r1", RUN_START, 60_000, true);
    List<Site> all = LongStream.rangeClosed(1, sites).mapToObj(HealthPassTest::site).toList();
    List<Site> read =
        pass.screen(Multi.createFrom().iterable(all)).collect().asList().await().atMost(WAIT);
    assertThat(read).hasSize(sites);
    assertThat(read).noneMatch(site -> pass.backedOff(site).isPresent());
    return pass;
  }

  /** One timed-out site after another, {@code gap} apart, asked for one at a time. */
  private static Multi<SiteOutcome> trickle(int sites, Duration gap) {
    return Multi.createFrom()
        .range(1, sites + 1)
        .onItem()
        .transformToUniAndConcatenate(
            id -> {
              Uni<Void> wait =
                  gap.isZero()
                      ? Uni.createFrom().voidItem()
                      : Uni.createFrom().voidItem().onItem().delayIt().by(gap);
              return wait.replaceWith(
                  new SiteOutcome(site(id).url(), Outcome.TIMEOUT, 0, "timeout", 1_000));
            });
  }

  private Map<Long, SiteRecord> stored() {
    return local.read(List.of(1L, 2L, 3L, 4L, 5L, 6L)).await().atMost(WAIT);
  }

  private static Site site(long id) {
    return new Site(id, "http://127.0.0.1:1/site-" + id);
  }

  /** The real store, each write taking {@code delay}; counts writes and how many at once. */
  private static class Slowed implements SiteHealthStore {
    private final SiteHealthStore store;
    private final Duration delay;
    final AtomicInteger writes = new AtomicInteger();
    final AtomicInteger atOnce = new AtomicInteger();
    final AtomicInteger mostAtOnce = new AtomicInteger();

    Slowed(SiteHealthStore store, Duration delay) {
      this.store = store;
      this.delay = delay;
    }

    @Override
    public Uni<Void> save(List<SiteRecord> records) {
      return Uni.createFrom()
          .voidItem()
          .invoke(
              () -> {
                writes.incrementAndGet();
                mostAtOnce.accumulateAndGet(atOnce.incrementAndGet(), Math::max);
              })
          .onItem()
          .delayIt()
          .by(delay.isZero() ? Duration.ofMillis(1) : delay)
          .chain(() -> store.save(records))
          .eventually(atOnce::decrementAndGet);
    }

    @Override
    public Uni<Map<Long, SiteRecord>> read(List<Long> blogIds) {
      return store.read(blogIds);
    }

    @Override
    public Uni<SiteSlice> slice(long afterBlogId, int count) {
      return store.slice(afterBlogId, count);
    }

    @Override
    public Uni<Void> saveSummary(String json) {
      return store.saveSummary(json);
    }

    @Override
    public Uni<Optional<String>> summary() {
      return store.summary();
    }
  }
}
