package org.allsitescron.coordination;

import java.util.Optional;

/**
 * One site's state across runs, as the site health store keeps it: one compact line per site. Times
 * are epoch milliseconds, 0 meaning never or none.
 *
 * @param blogId the site's {@code blog_id} (list position for a static source)
 * @param url the site's URL when it was last looked at; a different URL under the same id is a
 *     different site
 * @param http the last HTTP outcome's label ({@code ok}, {@code connect_error}, …), empty before
 *     the first request
 * @param status the last final HTTP status, 0 when there was none
 * @param error what went wrong the last time, empty after a success
 * @param cron the last cron outcome's label ({@code ran}, {@code still_due}, …), empty when not
 *     checked
 * @param lastRanAt when cron was last seen to run ({@code ran})
 * @param failures consecutive failed looks (an HTTP failure or {@code still_due})
 * @param streak consecutive connect errors, timeouts or 5xx, what the back-off counts
 * @param overdueSince due time of the oldest overdue event at the last look, 0 when none was
 * @param lookedAt when a run last requested the site
 * @param level back-off windows so far in a row, 0 when not backed off
 * @param backoffUntil end of the current back-off window
 */
public record SiteRecord(
    long blogId,
    String url,
    String http,
    int status,
    String error,
    String cron,
    long lastRanAt,
    int failures,
    int streak,
    long overdueSince,
    long lookedAt,
    int level,
    long backoffUntil) {

  /** Format version, the first field of the stored line. */
  static final String VERSION = "1";

  private static final int FIELDS = 13;

  /** Longest error text kept. */
  public static final int ERROR_KEPT = 160;

  public SiteRecord {
    url = url == null ? "" : url;
    http = http == null ? "" : http;
    cron = cron == null ? "" : cron;
    error = error == null ? "" : shorten(error);
  }

  /** A site never looked at before. */
  public static SiteRecord fresh(long blogId, String url) {
    return new SiteRecord(blogId, url, "", 0, "", "", 0, 0, 0, 0, 0, 0, 0);
  }

  /**
   * The stored line: {@code 1|http|status|cron|lastRanAt|failures|streak|overdueSince|lookedAt|
   * level|backoffUntil|url|error}. The error is last, so it may hold anything but a line break.
   */
  public String encode() {
    return String.join(
        "|",
        VERSION,
        http,
        Integer.toString(status),
        cron,
        Long.toString(lastRanAt),
        Integer.toString(failures),
        Integer.toString(streak),
        Long.toString(overdueSince),
        Long.toString(lookedAt),
        Integer.toString(level),
        Long.toString(backoffUntil),
        url.replace('|', ' '),
        error);
  }

  /** The record a stored line holds; empty when the line is of another format. */
  public static Optional<SiteRecord> decode(long blogId, String line) {
    if (line == null) {
      return Optional.empty();
    }
    String[] f = line.split("\\|", FIELDS);
    if (f.length != FIELDS || !VERSION.equals(f[0])) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new SiteRecord(
              blogId,
              f[11],
              f[1],
              Integer.parseInt(f[2]),
              f[12],
              f[3],
              Long.parseLong(f[4]),
              Integer.parseInt(f[5]),
              Integer.parseInt(f[6]),
              Long.parseLong(f[7]),
              Long.parseLong(f[8]),
              Integer.parseInt(f[9]),
              Long.parseLong(f[10])));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static String shorten(String text) {
    String flat = text.replace('\n', ' ').replace('\r', ' ');
    return flat.length() <= ERROR_KEPT ? flat : flat.substring(0, ERROR_KEPT) + "…";
  }
}
