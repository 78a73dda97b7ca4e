package org.allsitescron.config;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.DefaultValuesConfigSource;
import io.smallrye.config.Priorities;
import jakarta.annotation.Priority;

/**
 * Reads each new name from its legacy {@code dss-cron.*} name when the new one is not set: in every
 * config source (system properties, environment, {@code application.yaml}, files given with {@code
 * quarkus.config.locations}), the new name winning wherever it is set.
 *
 * <p>SmallRye's own {@code FallbackConfigSourceInterceptor} does the same lookup but lets the
 * higher-ordinal source win, so a legacy environment variable would beat a new name in a config
 * file. Both treat the mapping's defaults alike: a default is not "set", an explicit legacy value
 * beats it.
 */
@Priority(Priorities.LIBRARY + 600)
public class LegacyNamesInterceptor implements ConfigSourceInterceptor {

  private static final long serialVersionUID = 1L;

  @Override
  public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
    ConfigValue current = context.proceed(name);
    String legacyName = LegacyNames.LEGACY_OF.get(name);
    if (legacyName == null || isExplicit(current)) {
      return current;
    }
    ConfigValue legacy = context.proceed(legacyName);
    if (legacy == null || legacy.getValue() == null) {
      return current;
    }
    return legacy.withName(name);
  }

  /** Set in a real source, not only a default of the mapping. */
  private static boolean isExplicit(ConfigValue value) {
    return value != null
        && value.getValue() != null
        && value.getConfigSourceOrdinal() > DefaultValuesConfigSource.ORDINAL
        && !DefaultValuesConfigSource.NAME.equals(value.getConfigSourceName());
  }
}
