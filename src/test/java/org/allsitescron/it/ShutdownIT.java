package org.allsitescron.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.response.Response;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.allsitescron.support.RedisCli;
import org.allsitescron.support.ServiceProcess;
import org.allsitescron.support.SharedRedis;
import org.allsitescron.support.SiteServer;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM during a synchronous run: the run gets {@code shutdown-grace}, then takes no further site
 * and ends {@code aborted}; its caller gets an answer before the listener closes; the sites never
 * requested are not reported as requested.
 */
class ShutdownIT {

  private static final int DB = 15;
  private static final String PREFIX = "all_sites_cron:";
  private static final int SITES = 5;

  @Test
  void aSyncRunGetsItsGraceThenEndsAbortedAndItsCallerGetsTheAnswer() throws Exception {
    RedisCli redis = new RedisCli(SharedRedis.PORT, DB);
    redis.deleteAll(PREFIX + "*");
    try (SiteServer sites = SiteServer.start(3_000)) {
      ServiceProcess.Builder builder =
          ServiceProcess.named("shutdown-sync")
              .with("quarkus.redis.hosts", SharedRedis.url(DB))
              .with("all-sites-cron.rate-limit-seconds", "0")
              .with("all-sites-cron.concurrency", "1")
              .with("all-sites-cron.shutdown-grace", "5s")
              .with("all-sites-cron.request-timeout", "5s");
      for (int i = 0; i < SITES; i++) {
        builder.with("all-sites-cron.sites.static[" + i + "]", sites.url("127.0.0.1", "s" + i));
      }
      ServiceProcess service = builder.start();
      try {
        CompletableFuture<Response> answer =
            CompletableFuture.supplyAsync(() -> service.api().get("/all-sites-cron/v1/run"));
        await().atMost(Duration.ofSeconds(20)).until(() -> sites.requests().size() >= 2);

        long sigterm = System.nanoTime();
        CompletableFuture<Integer> exit =
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    return service.terminate(Duration.ofSeconds(40));
                  } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                  }
                });
        Response response = answer.get(40, TimeUnit.SECONDS);
        long answeredAfterMs = (System.nanoTime() - sigterm) / 1_000_000;
        assertThat(exit.get(40, TimeUnit.SECONDS)).isIn(0, 143);

        assertThat(answeredAfterMs).as("the run had its grace").isGreaterThanOrEqualTo(4_500);
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(503);
        assertThat(response.jsonPath().getString("code")).isEqualTo("all_sites_cron_run_aborted");
        String message = response.jsonPath().getString("message");
        assertThat(message).endsWith("shutdown");
        int requested = sites.requests().size();
        assertThat(requested).isLessThan(SITES);
        assertThat(message).startsWith("Run aborted after " + requested + " of " + SITES);
        assertThat(service.output())
            .doesNotContain("Client is closed")
            .contains("aborted: " + requested + " sites");
      } finally {
        service.close();
        redis.deleteAll(PREFIX + "*");
      }
    }
  }
}
