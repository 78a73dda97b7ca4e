package org.allsitescron.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.allsitescron.support.RedisCli;
import org.allsitescron.support.ServiceProcess;
import org.allsitescron.support.SharedRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code java -jar … cleanup}: removes every key under the prefix and nothing else. */
class CleanupCommandIT {

  private static final int DB = 13;
  private final RedisCli redis = new RedisCli(SharedRedis.PORT, DB);

  @AfterEach
  void clean() {
    redis.deleteAll("*cleanup-it*");
    redis.deleteAll("all_sites_cron:*");
  }

  @Test
  void removesTheServicesKeysAndKeepsOthers() throws Exception {
    redis.run("RPUSH", "all_sites_cron:jobs", "{\"timestamp\":1}");
    redis.run("RPUSH", "all_sites_cron:jobs:dead", "{}");
    redis.run("SET", "all_sites_cron:cooldown", "1");
    redis.run("SET", "someone-else:cleanup-it", "keep me");

    ServiceProcess command = cleanup();

    assertThat(command.awaitExit(Duration.ofSeconds(60))).isZero();
    assertThat(command.output())
        .contains("removed all_sites_cron:jobs")
        .contains("removed all_sites_cron:cooldown")
        .contains("Cleanup done: 3 key(s) removed")
        .doesNotContain("Listening on: http");
    assertThat(redis.keys("all_sites_cron:*")).isEmpty();
    assertThat(redis.get("someone-else:cleanup-it")).isEqualTo("keep me");
  }

  @Test
  void refusesWhileARunHoldsTheLockUnlessForced() throws Exception {
    redis.run("SET", "all_sites_cron:lock", "some-run", "PX", "60000");

    ServiceProcess refused = cleanup();
    assertThat(refused.awaitExit(Duration.ofSeconds(60))).isEqualTo(1);
    assertThat(refused.output()).contains("A run holds the lock");
    assertThat(redis.get("all_sites_cron:lock")).isEqualTo("some-run");

    ServiceProcess forced = cleanup("--force");
    assertThat(forced.awaitExit(Duration.ofSeconds(60))).isZero();
    assertThat(redis.get("all_sites_cron:lock")).isNull();
  }

  private ServiceProcess cleanup(String... options) throws Exception {
    String[] args = new String[options.length + 1];
    args[0] = "cleanup";
    System.arraycopy(options, 0, args, 1, options.length);
    return ServiceProcess.named("cleanup-cleanup-it")
        .with("quarkus.redis.hosts", SharedRedis.url(DB))
        .args(args)
        .launch();
  }
}
