package org.allsitescron.coordination;

import jakarta.enterprise.context.ApplicationScoped;
import org.allsitescron.config.CronConfig;

/** Every Redis key the service uses, and the only place their names are built. */
@ApplicationScoped
public class RedisKeys {

  private final String prefix;
  private final String queue;

  RedisKeys(CronConfig config) {
    this.prefix = config.redis().keyPrefix();
    this.queue = config.redis().effectiveQueueKey();
  }

  /** The prefix every key starts with ({@code all_sites_cron:}). */
  public String prefix() {
    return prefix;
  }

  /** The list of waiting jobs, shared with the old plugin. */
  public String queue() {
    return queue;
  }

  /** The dead-letter list. */
  public String dead() {
    return queue + ":dead";
  }

  /** Jobs one consumer has taken and not yet finished. */
  public String processing(String consumer) {
    return prefix + "processing:" + consumer;
  }

  /** Consumers that may hold jobs in a processing list. */
  public String consumers() {
    return prefix + "consumers";
  }

  /** A consumer's heartbeat; it expires when the consumer is gone. */
  public String heartbeat(String consumer) {
    return prefix + "heartbeat:" + consumer;
  }

  /** The run lock; its value is the owner's token. */
  public String lock() {
    return prefix + "lock";
  }

  /** The fencing counter, incremented at every lock acquisition. */
  public String fence() {
    return prefix + "lock:fence";
  }

  /** The cooldown; its value is the epoch second of the last accepted trigger. */
  public String cooldown() {
    return prefix + "cooldown";
  }

  /** One run's report. */
  public String report(String runId) {
    return prefix + "run:" + runId;
  }

  /** Index of reports by start time. */
  public String reports() {
    return prefix + "runs";
  }

  /** A replica's readiness probe: written with a short TTL to prove Redis takes writes. */
  public String probe(String consumer) {
    return prefix + "probe:" + consumer;
  }

  /** Id of the run in progress. */
  public String currentRun() {
    return prefix + "run:current";
  }

  /** One site's state across runs ({@code SiteRecord}), by {@code blog_id}. */
  public String site(long blogId) {
    return prefix + "site:" + blogId;
  }

  /** Index of the sites with a state (sorted set, score and member = {@code blog_id}). */
  public String sites() {
    return prefix + "sites";
  }

  /** The summary of the last full run over the network's sites. */
  public String sitesSummary() {
    return prefix + "sites:summary";
  }

  /** A queued run's progress, which a replica taking the job over resumes from. */
  public String checkpoint(String runId) {
    return prefix + "checkpoint:" + runId;
  }
}
