package org.allsitescron.config;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Serves each legacy {@code dss-cron.*} value under its new name, at an ordinal just above the
 * defaults: so an old name still works, and the new name, set anywhere, wins.
 */
public class LegacyNamesConfigSourceFactory implements ConfigSourceFactory {

  /** Above the mapping defaults ({@code Integer.MIN_VALUE}), below every real source. */
  static final int ORDINAL = Integer.MIN_VALUE + 1000;

  @Override
  public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
    Map<String, String> relocated = new HashMap<>();
    LegacyNames.RENAMED.forEach(
        (oldName, newName) -> {
          ConfigValue legacy = context.getValue(oldName);
          if (legacy != null && legacy.getValue() != null) {
            relocated.put(newName, legacy.getValue());
          }
        });
    return List.of(new MapBackedConfigSource("legacy dss-cron names", relocated, ORDINAL) {});
  }
}
