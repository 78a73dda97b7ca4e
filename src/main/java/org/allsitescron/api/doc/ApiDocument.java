package org.allsitescron.api.doc;

/** Texts of {@code /q/openapi} used in more than one place. */
public final class ApiDocument {

  static final String BEARER = "bearer";
  static final String TOKEN = "token";

  static final String BOOLEAN =
      "Case-insensitive: `1`, `true`, `yes`, `on` and the bare flag (`?ga`, `?ga=`) mean true;"
          + " `0`, `false`, `no`, `off` mean false; anything else is a `400 rest_invalid_param`.";

  static final String DESCRIPTION =
      """
      Triggers `wp-cron.php` on every eligible site of a WordPress multisite network, in batches, \
      with bounded concurrency, under a lock that prevents overlapping runs and a cooldown that \
      prevents too-frequent runs.

      Every route below, documented under its canonical base path `/all-sites-cron/v1`, is also \
      served under `/wp-json/all-sites-cron/v1` (so an ingress can route the old WordPress URL \
      unchanged). `run` is also served under the legacy namespaces `/dss-cron/v1/run` and \
      `/wp-json/dss-cron/v1/run`, whose answers carry `Deprecation` (RFC 9745) and \
      `Link: </all-sites-cron/v1/run>; rel="successor-version"`.

      Admission of `run`: auth, then cooldown (`429`), then lock (`409`), then the run. Every \
      error has WordPress's shape `{"success": false, "code", "message", "data": {"status"}}`; \
      with `ga=1` it is a `::error::` (or, for `409`, `::warning::`) workflow command instead.
      """;

  private ApiDocument() {}
}
