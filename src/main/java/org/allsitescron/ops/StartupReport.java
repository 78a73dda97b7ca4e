package org.allsitescron.ops;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.allsitescron.config.CronConfig;
import org.allsitescron.coordination.CoordinationMode;
import org.allsitescron.sites.SiteSource;
import org.eclipse.microprofile.config.Config;

/**
 * Logs the effective configuration once at start-up, defaults included, so an operator sees what
 * the service actually runs with. Secrets never appear: the token and passwords show as {@value
 * #MASK} (or {@code (not set)}), and so do passwords inside URLs.
 */
@ApplicationScoped
public class StartupReport {

  static final String MASK = "****";
  static final String NOT_SET = "(not set)";

  /**
   * The user info of a URL, {@code scheme://user:password@} or {@code scheme://password@}, up to
   * the last {@code @} before the host (a raw {@code @} in a password is common enough).
   */
  private static final Pattern USER_INFO =
      Pattern.compile("(?<=://)([^/:@,]*)(?::([^/,]*))?@(?=[^/@,?]*(?:[/?,]|$))");

  /** Query parameters that carry a secret ({@code ?password=…}, {@code &token=…}). */
  private static final Pattern SECRET_PARAM =
      Pattern.compile("(?i)([?&;](?:password|passwd|pwd|pass|token|secret|auth)[^=&;]*=)[^&;]*");

  /** Quarkus settings worth seeing beside the service's own; URLs are masked, never skipped. */
  private static final List<String> QUARKUS_KEYS =
      List.of(
          "quarkus.http.port",
          "quarkus.datasource.reactive.url",
          "quarkus.datasource.username",
          "quarkus.redis.hosts",
          "quarkus.log.level",
          "quarkus.log.console.json.enabled");

  /** Quarkus settings that are secrets: only whether they are set is shown. */
  private static final List<String> QUARKUS_SECRETS =
      List.of("quarkus.datasource.password", "quarkus.redis.password");

  void onStart(
      @Observes @Priority(Interceptor.Priority.LIBRARY_AFTER) StartupEvent event,
      CronConfig config,
      CoordinationMode mode,
      SiteSource sites,
      Config raw) {
    StringBuilder text = new StringBuilder("Effective configuration (secrets masked):");
    entries(config, mode, sites, raw)
        .forEach((key, value) -> text.append("\n  ").append(key).append(" = ").append(value));
    Log.info(text);
  }

  /** Every key shown, in a stable order, with its masked value. */
  static Map<String, String> entries(
      CronConfig config, CoordinationMode mode, SiteSource sites, Config raw) {
    String p = "all-sites-cron.";
    Map<String, String> shown = new LinkedHashMap<>();
    shown.put("coordination", mode.label());
    shown.put("sites", sites.describe());
    shown.put(p + "rate-limit-seconds", String.valueOf(config.rateLimitSeconds()));
    shown.put(p + "number-of-sites", String.valueOf(config.numberOfSites()));
    shown.put(p + "batch-size", String.valueOf(config.batchSize()));
    shown.put(p + "concurrency", String.valueOf(config.concurrency()));
    shown.put(p + "per-host-concurrency", String.valueOf(config.effectivePerHostConcurrency()));
    shown.put(p + "per-host-rate", String.valueOf(config.perHostRate()));
    shown.put(p + "request-timeout", String.valueOf(config.requestTimeout()));
    shown.put(p + "ssl-verify", String.valueOf(config.sslVerify()));
    shown.put(p + "cron-check.mode", config.effectiveCronCheckMode().label());
    shown.put(p + "cron-check.settle-timeout", String.valueOf(config.cronCheck().settleTimeout()));
    shown.put(p + "cron-check.poll-interval", String.valueOf(config.cronCheck().pollInterval()));
    shown.put(p + "tls-configuration-name", config.tlsConfigurationName().orElse(NOT_SET));
    shown.put(p + "max-response-header-size", String.valueOf(config.maxResponseHeaderSize()));
    shown.put(p + "basic-auth-over-http", String.valueOf(config.basicAuthOverHttp()));
    shown.put(p + "lock-timeout", String.valueOf(config.lockTimeout()));
    shown.put(p + "shutdown-grace", String.valueOf(config.shutdownGrace()));
    shown.put(p + "auth-token", config.authToken().isPresent() ? MASK : NOT_SET);
    shown.put(p + "require-auth", String.valueOf(config.authRequired()));
    shown.put(p + "use-redis-queue", config.useRedisQueue().name().toLowerCase(Locale.ROOT));
    shown.put(p + "redis.key-prefix", config.redis().keyPrefix());
    shown.put(p + "redis.queue-key", config.redis().effectiveQueueKey());
    shown.put(p + "redis.max-retries", String.valueOf(config.redis().maxRetries()));
    shown.put(p + "redis.report-ttl", String.valueOf(config.redis().reportTtl()));
    shown.put(p + "worker.enabled", String.valueOf(config.worker().enabled()));
    shown.put(p + "worker.poll-interval", String.valueOf(config.worker().pollInterval()));
    shown.put(p + "worker.heartbeat-interval", String.valueOf(config.worker().heartbeatInterval()));
    shown.put(
        p + "metrics.queue-poll-interval", String.valueOf(config.metrics().queuePollInterval()));
    shown.put(p + "backoff.enabled", String.valueOf(config.backoff().enabled()));
    shown.put(p + "backoff.after-failures", String.valueOf(config.backoff().afterFailures()));
    shown.put(p + "backoff.max", String.valueOf(config.backoff().max()));
    shown.put(
        p + "backoff.initial",
        config.backoff().initial().map(String::valueOf).orElse("one run's interval"));
    shown.put(p + "health.behind-after", String.valueOf(config.health().behindAfter()));
    shown.put(p + "health.ttl", String.valueOf(config.health().ttl()));
    CronConfig.Sites.WordpressDb db = config.sites().wordpressDb();
    shown.put(
        p + "sites.source",
        config.sites().source().name().toLowerCase(Locale.ROOT).replace('_', '-'));
    shown.put(
        p + "sites.static",
        config.sites().staticUrls().map(urls -> urls.size() + " URLs").orElse(NOT_SET));
    shown.put(p + "sites.wordpress-db.table-prefix", db.tablePrefix());
    shown.put(
        p + "sites.wordpress-db.network-id",
        db.networkId().isPresent() ? String.valueOf(db.networkId().getAsInt()) : "all");
    shown.put(p + "sites.wordpress-db.scheme", db.scheme());
    for (String key : QUARKUS_KEYS) {
      shown.put(key, value(raw, key).map(StartupReport::maskUrl).orElse(NOT_SET));
    }
    for (String key : QUARKUS_SECRETS) {
      shown.put(key, value(raw, key).filter(v -> !v.isEmpty()).map(v -> MASK).orElse(NOT_SET));
    }
    return shown;
  }

  /**
   * A URL (or a comma-separated list of them) with the password of its user info and any secret
   * query parameter replaced by {@value #MASK}; the user name stays.
   */
  static String maskUrl(String url) {
    String masked =
        USER_INFO
            .matcher(url)
            .replaceAll(
                m ->
                    Matcher.quoteReplacement(
                        m.group(2) == null ? MASK + "@" : m.group(1) + ":" + MASK + "@"));
    return SECRET_PARAM.matcher(masked).replaceAll("$1" + MASK);
  }

  private static Optional<String> value(Config raw, String key) {
    return raw.getOptionalValue(key, String.class);
  }
}
