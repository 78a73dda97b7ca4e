package org.allsitescron.dispatch;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A site's {@code wp-cron.php}, parsed once: the site URL it reports under, and the address to
 * request, or why there is none ({@code problem}).
 */
record CronTarget(String siteUrl, URI uri, String problem) {

  /** The target of {@code <siteUrl>/wp-cron.php}. */
  static CronTarget of(String siteUrl) {
    try {
      URI uri = new URI(siteUrl + "/wp-cron.php");
      if (!isHttp(uri) || uri.getHost() == null) {
        return new CronTarget(siteUrl, null, "not an http(s) URL with a host: " + siteUrl);
      }
      return new CronTarget(siteUrl, uri, null);
    } catch (URISyntaxException e) {
      return new CronTarget(siteUrl, null, "invalid site URL: " + e.getMessage());
    }
  }

  static boolean isHttp(URI uri) {
    String scheme = uri.getScheme();
    return "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme);
  }

  boolean isValid() {
    return uri != null;
  }

  /** The host, lower case, for per-host caps. */
  String host() {
    return uri.getHost().toLowerCase(Locale.ROOT);
  }
}
