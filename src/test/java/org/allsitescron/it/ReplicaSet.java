package org.allsitescron.it;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.allsitescron.support.ServiceProcess;
import org.allsitescron.support.SharedRedis;
import org.allsitescron.support.SiteServer;

/** Replicas of the built service sharing one Redis database and one stand-in site server. */
final class ReplicaSet implements AutoCloseable {

  static final String REDIS = SharedRedis.url(12);
  static final int REDIS_DB = 12;
  static final int SITES = 20;

  private final SiteServer sites;
  private final List<ServiceProcess> replicas = new ArrayList<>();
  private int started;

  ReplicaSet(SiteServer sites) {
    this.sites = sites;
  }

  /** Starts one more replica (named {@code replica-<n>}). */
  ServiceProcess add() throws IOException {
    ServiceProcess.Builder builder =
        ServiceProcess.named("replica-" + started++)
            .with("quarkus.redis.hosts", REDIS)
            .with("all-sites-cron.rate-limit-seconds", "0")
            // Four waves over the 20 sites, so a run lasts long enough to be interrupted.
            .with("all-sites-cron.concurrency", "5")
            .with("all-sites-cron.lock-timeout", "6s")
            .with("all-sites-cron.shutdown-grace", "1s")
            .with("all-sites-cron.request-timeout", "8s")
            .with("all-sites-cron.worker.poll-interval", "1s")
            .with("all-sites-cron.worker.heartbeat-interval", "1s")
            .with("all-sites-cron.redis.max-retries", "3");
    for (int i = 0; i < SITES; i++) {
      builder.with("all-sites-cron.sites.static[" + i + "]", sites.url("127.0.0.1", "site-" + i));
    }
    ServiceProcess replica = builder.start();
    replicas.add(replica);
    return replica;
  }

  List<ServiceProcess> alive() {
    return replicas.stream().filter(ServiceProcess::isAlive).toList();
  }

  /** The replica whose name the consumer id starts with. */
  ServiceProcess byConsumer(String consumer) {
    return replicas.stream()
        .filter(r -> consumer.startsWith(r.name() + "-"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no replica for consumer " + consumer));
  }

  @Override
  public void close() throws InterruptedException {
    for (ServiceProcess replica : replicas) {
      replica.close();
    }
  }
}
