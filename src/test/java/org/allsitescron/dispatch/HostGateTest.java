package org.allsitescron.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HostGateTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void neverMoreThanThePermitsPerHostAndIdleHostsAreForgotten() {
    HostGate gate = new HostGate(2, 0);
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();

    List<String> done =
        Multi.createFrom()
            .range(0, 12)
            .onItem()
            .transformToUni(
                i ->
                    gate.through(
                        i % 2 == 0 ? "a.example" : "b.example", () -> work(inFlight, peak)))
            .merge(12)
            .collect()
            .asList()
            .await()
            .atMost(WAIT);

    assertThat(done).hasSize(12);
    assertThat(peak.get()).isEqualTo(4);
    assertThat(gate.activeHosts()).isZero();
  }

  @Test
  void pacesTheStartsOfOneHost() {
    HostGate gate = new HostGate(10, 20);
    long start = System.nanoTime();

    Multi.createFrom()
        .range(0, 5)
        .onItem()
        .transformToUni(i -> gate.through("a.example", () -> Uni.createFrom().item(i)))
        .merge(5)
        .collect()
        .asList()
        .await()
        .atMost(WAIT);

    // Five starts at 20 per second: the last one no earlier than 4 × 50 ms after the first.
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(200));
  }

  @Test
  void aCancelledWaiterGivesItsSlotBack() {
    HostGate gate = new HostGate(1, 0);
    Cancellable holder =
        gate.through("a.example", () -> Uni.createFrom().nothing()).subscribe().with(item -> {});
    Cancellable waiter =
        gate.through("a.example", () -> Uni.createFrom().item("never"))
            .subscribe()
            .with(item -> {});

    waiter.cancel();
    holder.cancel();

    String next =
        gate.through("a.example", () -> Uni.createFrom().item("next")).await().atMost(WAIT);
    assertThat(next).isEqualTo("next");
    assertThat(gate.activeHosts()).isZero();
  }

  private static Uni<String> work(AtomicInteger inFlight, AtomicInteger peak) {
    return Uni.createFrom()
        .item(
            () -> {
              peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
              return "done";
            })
        .onItem()
        .delayIt()
        .by(Duration.ofMillis(50))
        .invoke(inFlight::decrementAndGet);
  }
}
