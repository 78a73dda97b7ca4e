package org.allsitescron.config;

import java.util.Map;
import java.util.stream.Collectors;

/** The plugin's old {@code dss-cron.*} setting names and the names that replaced them. */
public final class LegacyNames {

  /** Old name to new name. */
  public static final Map<String, String> RENAMED =
      Map.of(
          "dss-cron.rate-limit-seconds", "all-sites-cron.rate-limit-seconds",
          "dss-cron.number-of-sites", "all-sites-cron.number-of-sites",
          "dss-cron.request-timeout", "all-sites-cron.request-timeout");

  /** New name to old name. */
  public static final Map<String, String> LEGACY_OF =
      RENAMED.entrySet().stream()
          .collect(Collectors.toUnmodifiableMap(Map.Entry::getValue, Map.Entry::getKey));

  private LegacyNames() {}
}
