package org.allsitescron.sites;

/**
 * One site of the network: its id ({@code blog_id}, or the list position for a static source), its
 * base URL without a trailing slash, and its cron state when the run reads it ({@code
 * cron-check.mode} verify or due; null otherwise).
 */
public record Site(long id, String url, CronState cron) {

  public Site {
    url = stripTrailingSlashes(url.trim());
  }

  /** A site whose cron state is not read. */
  public Site(long id, String url) {
    this(id, url, null);
  }

  private static String stripTrailingSlashes(String url) {
    int end = url.length();
    while (end > 0 && url.charAt(end - 1) == '/') {
      end--;
    }
    return url.substring(0, end);
  }
}
