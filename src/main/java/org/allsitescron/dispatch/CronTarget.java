package org.allsitescron.dispatch;

import org.allsitescron.config.SiteUrl;

/**
 * A site's {@code wp-cron.php}, parsed once: the site URL it reports under (credentials already
 * redacted), and the address to request, or why there is none ({@code problem}).
 */
record CronTarget(String displayUrl, SiteUrl url, String problem) {

  /** The target of {@code <siteUrl>/wp-cron.php}. */
  static CronTarget of(String siteUrl) {
    try {
      SiteUrl site = SiteUrl.parse(siteUrl);
      String display = stripTrailingSlashes(site.display());
      if (site.query() != null || site.fragment() != null) {
        return new CronTarget(display, null, display + " must not have a query or fragment");
      }
      return new CronTarget(display, site.withPathSuffix("/wp-cron.php"), null);
    } catch (SiteUrl.Invalid e) {
      return new CronTarget(SiteUrl.redactAnyway(siteUrl), null, e.getMessage());
    }
  }

  boolean isValid() {
    return url != null;
  }

  /** The host, punycode and lower case, for per-host caps. */
  String host() {
    return url.asciiHost();
  }

  private static String stripTrailingSlashes(String url) {
    int end = url.length();
    while (end > 0 && url.charAt(end - 1) == '/') {
      end--;
    }
    return url.substring(0, end);
  }
}
