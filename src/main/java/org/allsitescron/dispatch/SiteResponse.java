package org.allsitescron.dispatch;

/**
 * What one site's {@code wp-cron.php} request came to: its URL (as reported), the result, the final
 * HTTP status (0 when there was none), an error text for anything but {@code OK}, and how long the
 * request took. The run turns it into the site's outcome.
 */
public record SiteResponse(String url, Result result, int status, String error, long durationMs) {

  /** How the request ended. */
  public enum Result {
    /** A 2xx answer. */
    OK,
    /** Any other final status, including a refused redirect. */
    HTTP_ERROR,
    /** Sent, but no answer in time; on most setups the cron still runs. */
    TIMEOUT,
    /** Never reached the site: DNS, refused connection, or an unusable URL. */
    CONNECT_ERROR,
    /** The site's certificate was refused (expired, unknown issuer, another name) or TLS failed. */
    TLS_ERROR;

    /** Whether this result counts as an error of the run (timeouts do not). */
    public boolean isError() {
      return this == HTTP_ERROR || this == CONNECT_ERROR || this == TLS_ERROR;
    }
  }

  static SiteResponse answered(String url, int status, long durationMs) {
    boolean ok = status >= 200 && status < 300;
    return new SiteResponse(
        url, ok ? Result.OK : Result.HTTP_ERROR, status, ok ? null : "HTTP " + status, durationMs);
  }
}
