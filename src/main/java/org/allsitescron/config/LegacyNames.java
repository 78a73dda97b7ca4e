package org.allsitescron.config;

import java.util.Map;

/** The plugin's old {@code dss-cron.*} setting names and the names that replaced them. */
public final class LegacyNames {

  /** Old name to new name. */
  public static final Map<String, String> RENAMED =
      Map.of(
          "dss-cron.rate-limit-seconds", "all-sites-cron.rate-limit-seconds",
          "dss-cron.number-of-sites", "all-sites-cron.number-of-sites",
          "dss-cron.request-timeout", "all-sites-cron.request-timeout");

  private LegacyNames() {}
}
