package org.allsitescron.sites;

/**
 * One site of the network: its id ({@code blog_id}, or the list position for a static source) and
 * its base URL without a trailing slash.
 */
public record Site(long id, String url) {

  public Site {
    url = stripTrailingSlashes(url.trim());
  }

  private static String stripTrailingSlashes(String url) {
    int end = url.length();
    while (end > 0 && url.charAt(end - 1) == '/') {
      end--;
    }
    return url.substring(0, end);
  }
}
