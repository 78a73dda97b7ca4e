package org.allsitescron.ops;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.allsitescron.config.ConfigChecks;
import org.allsitescron.config.CronConfig;
import org.allsitescron.config.JdbcUrlInterceptor;
import org.allsitescron.config.LegacyNames;
import org.allsitescron.coordination.CoordinationMode;
import org.allsitescron.sites.SiteSource;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * "Activation": refuses to start on a configuration that cannot work, naming key and value, and
 * warns of what the operator should know: legacy names, an open endpoint. ({@link StartupReport}
 * logs the effective configuration.)
 */
@ApplicationScoped
public class StartupChecks {

  private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(10);

  /** First of all start-up observers, so a refused configuration starts nothing (no scheduler). */
  void onStart(
      @Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event,
      CronConfig config,
      CoordinationMode mode,
      Config raw,
      @ConfigProperty(name = "quarkus.datasource.reactive.url") Optional<String> databaseUrl,
      SiteSource sites) {
    List<String> problems =
        ConfigChecks.problems(config, mode.isRedisConfigured(), databaseUrl.isPresent());
    if (!problems.isEmpty()) {
      // Quarkus prints a ConfigurationException as its message alone: one block, no stack trace.
      throw new ConfigurationException(
          "Invalid configuration:\n  - " + String.join("\n  - ", problems));
    }
    if (config.effectiveCronCheckMode() == CronConfig.CronCheckMode.DUE) {
      refuseDueWhereCronIsStoredElsewhere(sites);
    }
    String givenUrl = raw.getConfigValue(JdbcUrlInterceptor.KEY).getRawValue();
    if (givenUrl != null && JdbcUrlInterceptor.isJdbc(givenUrl)) {
      Log.infof(
          "%s is a JDBC URL; read as %s (the reactive client's form)",
          JdbcUrlInterceptor.KEY, StartupReport.maskUrl(JdbcUrlInterceptor.translate(givenUrl)));
    }
    LegacyNames.RENAMED.forEach(
        (oldName, newName) -> {
          if (raw.getOptionalValue(oldName, String.class).isPresent()) {
            Log.warnf(
                "%s is deprecated: use %s (the new name wins when both are set)", oldName, newName);
          }
        });
    if (config.authToken().isEmpty()) {
      Log.warn(
          "No auth token is set: the endpoints are open to anyone who can reach them."
              + " Set ALL_SITES_CRON_AUTH_TOKEN to require one.");
    } else if (!config.effectiveRequireAuth()) {
      Log.warn(
          "all-sites-cron.require-auth=false: a token is set but not demanded, the endpoints are"
              + " open to anyone who can reach them.");
    }
  }

  /**
   * Cavalcade and Cron-Control keep the events in their own tables: there the {@code cron} option
   * says nothing is due, and {@code due} mode would request no site at all.
   */
  static void refuseDueWhereCronIsStoredElsewhere(SiteSource sites) {
    List<String> tables;
    try {
      // Start-up runs on the main thread, before any request: a bounded wait is fine here.
      tables = sites.cronStoredElsewhere().await().atMost(CHECK_TIMEOUT);
    } catch (RuntimeException e) {
      Log.warnf(
          "all-sites-cron.cron-check.mode=due: could not check for Cavalcade or Cron-Control"
              + " tables (%s); readiness shows whether the database can be read",
          e.getMessage());
      return;
    }
    if (!tables.isEmpty()) {
      // A ConfigurationException prints as its message alone, like the other refusals.
      throw new ConfigurationException(
          ("Invalid configuration:\n  - all-sites-cron.cron-check.mode=due cannot work on this network: %s exist(s), so its"
                  + " cron events are not in the `cron` option and due mode would request no site."
                  + " Use cron-check.mode=off (request every site, HTTP only) or verify (request"
                  + " every site and judge from the database; the judgement is then only as"
                  + " good as the `cron` option).")
              .formatted(String.join(", ", tables)));
    }
  }
}
