package org.allsitescron.it;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.allsitescron.support.RedisCli;
import org.allsitescron.support.ServiceProcess;

/** A deferred run as the replica ITs drive it: queued through the API, then taken by a worker. */
final class DeferredRuns {

  private DeferredRuns() {}

  /** {@code GET /run?defer=1} on {@code replica}: 202 and the queued run's id. */
  static String trigger(ServiceProcess replica) {
    return replica
        .api()
        .get("/all-sites-cron/v1/run?defer=1")
        .then()
        .statusCode(202)
        .extract()
        .path("run_id");
  }

  /**
   * The consumer whose processing list (under {@code prefix}) holds the job, once {@code started}
   * holds while it does; waits at most {@code atMost}.
   */
  static String awaitConsumer(
      RedisCli redis, String prefix, Duration atMost, BooleanSupplier started) {
    String[] consumer = new String[1];
    await()
        .atMost(atMost)
        .until(
            () -> {
              for (String key : redis.keys(prefix + "processing:*")) {
                if (redis.number("LLEN", key) > 0) {
                  consumer[0] = key.substring((prefix + "processing:").length());
                  return started.getAsBoolean();
                }
              }
              return false;
            });
    return consumer[0];
  }
}
