package org.allsitescron.config;

import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.validator.BeanValidationConfigValidatorImpl;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the real {@link CronConfig} mapping from given properties, without Quarkus but with the
 * same Bean Validation (Hibernate Validator) start-up applies.
 */
public final class ConfigTestSupport {

  private ConfigTestSupport() {}

  static SmallRyeConfig config(Map<String, String> properties) {
    return new SmallRyeConfigBuilder()
        .withMapping(CronConfig.class)
        .withSources(new PropertiesConfigSource(properties, "test", 500))
        .withInterceptors(new LegacyNamesInterceptor())
        .withValidator(new BeanValidationConfigValidatorImpl())
        .build();
  }

  public static CronConfig mapping(Map<String, String> properties) {
    return config(properties).getConfigMapping(CronConfig.class);
  }

  /** The problems Bean Validation finds in the given properties; empty when they are good. */
  static List<String> violations(Map<String, String> properties) {
    try {
      config(properties);
      return List.of();
    } catch (ConfigValidationException e) {
      List<String> problems = new ArrayList<>();
      for (int i = 0; i < e.getProblemCount(); i++) {
        problems.add(e.getProblem(i).getMessage());
      }
      return problems;
    }
  }
}
