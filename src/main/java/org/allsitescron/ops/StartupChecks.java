package org.allsitescron.ops;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Optional;
import org.allsitescron.config.ConfigChecks;
import org.allsitescron.config.CronConfig;
import org.allsitescron.config.LegacyNames;
import org.allsitescron.coordination.CoordinationMode;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * "Activation": refuses to start on a configuration that cannot work, naming key and value, and
 * warns of what the operator should know: legacy names, an open endpoint. ({@link StartupReport}
 * logs the effective configuration.)
 */
@ApplicationScoped
public class StartupChecks {

  void onStart(
      @Observes StartupEvent event,
      CronConfig config,
      CoordinationMode mode,
      Config raw,
      @ConfigProperty(name = "quarkus.datasource.reactive.url") Optional<String> databaseUrl) {
    List<String> problems =
        ConfigChecks.problems(config, mode.isRedisConfigured(), databaseUrl.isPresent());
    if (!problems.isEmpty()) {
      throw new IllegalStateException(
          "Invalid configuration:\n  - " + String.join("\n  - ", problems));
    }
    LegacyNames.RENAMED.forEach(
        (oldName, newName) -> {
          if (raw.getOptionalValue(oldName, String.class).isPresent()) {
            Log.warnf(
                "%s is deprecated: use %s (the new name wins when both are set)", oldName, newName);
          }
        });
    if (!config.authRequired()) {
      Log.warn(
          "No auth token is set: the endpoints are open to anyone who can reach them."
              + " Set ALL_SITES_CRON_AUTH_TOKEN to require one.");
    }
  }
}
