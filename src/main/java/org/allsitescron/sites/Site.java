package org.allsitescron.sites;

import org.allsitescron.config.SiteUrl;

/**
 * One site of the network: its id ({@code blog_id}, or the list position for a static source), its
 * base URL without a trailing slash (possibly with credentials: never print it, use {@link
 * #displayUrl()}), and whether an earlier site of the same run has the same {@link #key()} (a
 * duplicate is counted, not requested), and its cron state when the run reads it ({@code
 * cron-check.mode} verify or due; null otherwise).
 */
public record Site(long id, String url, boolean duplicate, CronState cron) {

  public Site {
    url = stripTrailingSlashes(url.trim());
  }

  public Site(long id, String url) {
    this(id, url, false, null);
  }

  /** A site with the cron state read with it. */
  public Site(long id, String url, CronState cron) {
    this(id, url, false, cron);
  }

  /** This site, marked as a duplicate of an earlier one. */
  public Site asDuplicate() {
    return new Site(id, url, true, cron);
  }

  /**
   * The identity of the site within a run: the normalized URL (scheme and host lower case, default
   * port dropped, trailing slash ignored); the text itself when it does not parse.
   */
  public String key() {
    try {
      return SiteUrl.parse(url).normalized();
    } catch (SiteUrl.Invalid e) {
      return url;
    }
  }

  /** The URL to show in answers, logs and reports: a password replaced by {@code ***}. */
  public String displayUrl() {
    return SiteUrl.redactAnyway(url);
  }

  /** Redacted: the record's default text would show a password. */
  @Override
  public String toString() {
    return "Site[id=" + id + ", url=" + displayUrl() + (duplicate ? ", duplicate" : "") + "]";
  }

  private static String stripTrailingSlashes(String url) {
    int end = url.length();
    while (end > 0 && url.charAt(end - 1) == '/') {
      end--;
    }
    return url.substring(0, end);
  }
}
