package org.allsitescron.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Cross-field checks Bean Validation cannot express (single values are checked by the constraints
 * on {@link CronConfig}, which Hibernate Validator applies at start-up). Each problem names the key
 * and the value, so an operator reading the failed start-up knows what to fix.
 */
public final class ConfigChecks {

  private ConfigChecks() {}

  /**
   * Problems of a configuration; empty when it is good.
   *
   * @param redisConfigured whether {@code quarkus.redis.hosts} is set
   * @param databaseConfigured whether {@code quarkus.datasource.reactive.url} is set
   */
  public static List<String> problems(
      CronConfig config, boolean redisConfigured, boolean databaseConfigured) {
    List<String> problems = new ArrayList<>();
    CronConfig.CronCheckMode mode = config.effectiveCronCheckMode();
    if (config.sites().source() == CronConfig.Sites.SourceKind.STATIC
        && mode != CronConfig.CronCheckMode.OFF) {
      problems.add(
          ("all-sites-cron.cron-check.mode=%s needs all-sites-cron.sites.source=wordpress-db"
                  + " (a static list has no cron state to read); use off")
              .formatted(mode.label()));
    }
    config
        .perHostConcurrency()
        .ifPresent(
            perHost -> {
              if (perHost < 1 || perHost > config.concurrency()) {
                problems.add(
                    "all-sites-cron.per-host-concurrency=%d must be between 1 and concurrency (%d)"
                        .formatted(perHost, config.concurrency()));
              }
            });
    if (config.requireAuth().orElse(false) && config.authToken().isEmpty()) {
      problems.add(
          "all-sites-cron.require-auth=true but no all-sites-cron.auth-token"
              + " (env ALL_SITES_CRON_AUTH_TOKEN) is set");
    }
    config
        .authToken()
        .filter(String::isBlank)
        .ifPresent(token -> problems.add("all-sites-cron.auth-token is blank"));
    if (config.useRedisQueue() == CronConfig.RedisMode.TRUE && !redisConfigured) {
      problems.add("all-sites-cron.use-redis-queue=true but quarkus.redis.hosts is not set");
    }
    if (config.sites().source() == CronConfig.Sites.SourceKind.WORDPRESS_DB
        && !databaseConfigured) {
      problems.add(
          "all-sites-cron.sites.source=wordpress-db but quarkus.datasource.reactive.url is not set");
    }
    List<String> urls = config.sites().staticUrls().orElse(List.of());
    for (int i = 0; i < urls.size(); i++) {
      String problem = siteUrlProblem(urls.get(i));
      if (problem != null) {
        problems.add(
            "all-sites-cron.sites.static[%d]=%s %s"
                .formatted(i, SiteUrl.redactAnyway(urls.get(i)), problem));
      }
    }
    return problems;
  }

  /** Why a site URL cannot be requested, or null when it can. */
  public static String siteUrlProblem(String url) {
    return SiteUrl.problem(url);
  }
}
