package org.allsitescron.run;

import java.util.Locale;
import org.allsitescron.sites.Site;

/** Whether a site is the one {@code ?site=} names: by {@code blog_id}, or by URL. */
final class SiteMatch {

  private SiteMatch() {}

  /**
   * True when {@code wanted} is the site's {@code blog_id}, or its URL, with or without its
   * password redacted (case of scheme and host, a trailing slash, a trailing {@code /wp-cron.php}
   * and a default port ignored).
   */
  static boolean matches(Site site, String wanted) {
    String trimmed = wanted.trim();
    if (trimmed.chars().allMatch(Character::isDigit) && !trimmed.isEmpty()) {
      return trimmed.length() < 19 && site.id() == Long.parseLong(trimmed);
    }
    String asked = normalize(trimmed);
    // The URL as configured, or as answers show it (a password as ***).
    return normalize(site.url()).equals(asked) || normalize(site.displayUrl()).equals(asked);
  }

  static String normalize(String url) {
    String u = url.trim();
    if (u.endsWith("/wp-cron.php")) {
      u = u.substring(0, u.length() - "/wp-cron.php".length());
    }
    while (u.endsWith("/")) {
      u = u.substring(0, u.length() - 1);
    }
    int schemeEnd = u.indexOf("://");
    if (schemeEnd < 0) {
      return u.toLowerCase(Locale.ROOT);
    }
    int pathStart = u.indexOf('/', schemeEnd + 3);
    String head = (pathStart < 0 ? u : u.substring(0, pathStart)).toLowerCase(Locale.ROOT);
    String path = pathStart < 0 ? "" : u.substring(pathStart);
    if (head.startsWith("http://") && head.endsWith(":80")) {
      head = head.substring(0, head.length() - 3);
    } else if (head.startsWith("https://") && head.endsWith(":443")) {
      head = head.substring(0, head.length() - 4);
    }
    return head + path;
  }
}
