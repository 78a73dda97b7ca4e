package org.allsitescron.config;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;

/**
 * Builds the real {@link CronConfig} mapping from given properties, without Quarkus (also for other
 * packages' plain tests).
 */
public final class ConfigTestSupport {

  private ConfigTestSupport() {}

  static SmallRyeConfig config(Map<String, String> properties) {
    return new SmallRyeConfigBuilder()
        .withMapping(CronConfig.class)
        .withSources(new PropertiesConfigSource(properties, "test", 500))
        .withInterceptors(new LegacyNamesInterceptor())
        .build();
  }

  public static CronConfig mapping(Map<String, String> properties) {
    return config(properties).getConfigMapping(CronConfig.class);
  }
}
