package org.allsitescron.coordination.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.allsitescron.config.ConfigTestSupport;
import org.allsitescron.config.CronConfig;
import org.allsitescron.coordination.Decision;
import org.allsitescron.coordination.Lease;
import org.allsitescron.coordination.Ticket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The embedded admission against the worker's {@code tryAcquire}, on two threads at once: exactly
 * one of them holds the lock, and an admitted trigger always holds a lease (never {@code
 * Accepted(null)}, which a check-then-act outside the lock's monitor let through).
 */
class LocalAdmissionTest {

  private static final Duration WAIT = Duration.ofSeconds(5);

  /** The race window is narrow: as many rounds as fit in this time (tens of thousands). */
  private static final Duration RACING = Duration.ofSeconds(8);

  private final ExecutorService threads = Executors.newFixedThreadPool(2);

  @AfterEach
  void stop() {
    threads.shutdownNow();
  }

  @Test
  void aTriggerAndTheWorkerRacingForTheLockNeverBothWinAndNeverGetAnEmptyLease() throws Exception {
    CronConfig config = ConfigTestSupport.mapping(Map.of("all-sites-cron.rate-limit-seconds", "0"));
    LocalRunLock lock = new LocalRunLock(config);
    LocalAdmission admission = new LocalAdmission(lock, new LocalJobQueue(lock, config), config);
    // Mutiny's context propagation initialises lazily and not thread-safely: once, before the race.
    admission.cooldownRemaining().await().atMost(WAIT);
    CyclicBarrier start = new CyclicBarrier(2);
    int accepted = 0;
    int taken = 0;

    long until = System.nanoTime() + RACING.toNanos();
    int rounds = 0;
    for (int round = 0; System.nanoTime() < until; round++) {
      rounds++;
      String trigger = "trigger-" + round;
      String workerName = "worker-" + round;
      CompletableFuture<Decision> decision =
          CompletableFuture.supplyAsync(
              () -> {
                await(start);
                return admission.admit(Ticket.sync(trigger)).await().atMost(WAIT);
              },
              threads);
      CompletableFuture<Optional<Lease>> worker =
          CompletableFuture.supplyAsync(
              () -> {
                await(start);
                return lock.tryAcquire(workerName).await().atMost(WAIT);
              },
              threads);
      Decision admitted = decision.get(10, TimeUnit.SECONDS);
      Optional<Lease> held = worker.get(10, TimeUnit.SECONDS);

      if (admitted instanceof Decision.Accepted accept) {
        assertThat(accept.lease())
            .as("round %d: an admitted trigger holds a lease", round)
            .isNotNull();
        assertThat(held).as("round %d: the worker got the lock too", round).isEmpty();
        lock.release(accept.lease()).await().atMost(WAIT);
        accepted++;
      } else {
        assertThat(admitted).isInstanceOf(Decision.Locked.class);
        assertThat(held).as("round %d: nobody got the lock", round).isPresent();
        lock.release(held.get()).await().atMost(WAIT);
        taken++;
      }
    }
    assertThat(accepted + taken).isEqualTo(rounds);
    assertThat(accepted).as("the trigger won sometimes").isPositive();
    assertThat(taken).as("the worker won sometimes").isPositive();
  }

  private static void await(CyclicBarrier barrier) {
    try {
      barrier.await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
