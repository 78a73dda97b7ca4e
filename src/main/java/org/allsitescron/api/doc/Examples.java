package org.allsitescron.api.doc;

/** Example bodies of {@code /q/openapi}, as the service really answers them (SPEC §2). */
public final class Examples {

  private Examples() {}

  public static final String RUN_OK =
      """
      {"success": true, "count": 3, "message": "Running wp-cron on 3 sites",
       "timestamp": "2025-06-01T12:00:05Z", "endpoint": "rest",
       "run_id": "0b6f3f5e-4a4e-4a8e-9a51-6f7f4f6a2b1c", "duration_ms": 812,
       "ok": 3, "errors": 0, "timeouts": 0, "failed_sites": []}
      """;

  public static final String RUN_PARTIAL =
      """
      {"success": false, "count": 3,
       "message": "Completed with 1 error(s): Error for https://example.org/shop: HTTP 500",
       "timestamp": "2025-06-01T12:00:05Z", "endpoint": "rest",
       "run_id": "0b6f3f5e-4a4e-4a8e-9a51-6f7f4f6a2b1c", "duration_ms": 5012,
       "ok": 1, "errors": 1, "timeouts": 1,
       "failed_sites": [
         {"url": "https://example.org/shop", "outcome": "http_error", "status": 500,
          "error": "HTTP 500", "duration_ms": 143},
         {"url": "https://example.org/slow", "outcome": "timeout", "status": 0,
          "error": "no answer within 5000 ms", "duration_ms": 5001}],
       "error_code": "PARTIAL_FAILURE"}
      """;

  public static final String RUN_NO_SITES =
      """
      {"success": false, "count": 0, "message": "No public sites found in the network",
       "timestamp": "2025-06-01T12:00:05Z", "endpoint": "rest",
       "run_id": "0b6f3f5e-4a4e-4a8e-9a51-6f7f4f6a2b1c", "duration_ms": 4,
       "ok": 0, "errors": 0, "timeouts": 0, "failed_sites": []}
      """;

  public static final String DRY_RUN =
      """
      {"success": true, "dry_run": true, "count": 2,
       "sites": ["https://example.org", "https://example.org/shop"]}
      """;

  public static final String RUN_GA =
      """
      ::notice::Running wp-cron on 3 sites
      ::error title=wp-cron failed::https://example.org/shop http_error: HTTP 500
      ::warning::https://example.org/slow timeout: no answer within 5000 ms
      ::error::Completed with 1 error(s): 3 sites, 1 ok, 1 errors, 1 timeouts in 5012 ms \
      (run 0b6f3f5e-4a4e-4a8e-9a51-6f7f4f6a2b1c)
      """;

  public static final String QUEUED_REDIS =
      """
      {"success": true, "message": "Cron job queued to Redis for background processing",
       "status": "queued", "mode": "redis", "run_id": "0b6f3f5e-4a4e-4a8e-9a51-6f7f4f6a2b1c",
       "timestamp": "2025-06-01T12:00:00Z"}
      """;

  public static final String QUEUED_EMBEDDED =
      """
      {"success": true, "message": "Cron job queued for background processing",
       "status": "queued", "mode": "deferred", "run_id": "0b6f3f5e-4a4e-4a8e-9a51-6f7f4f6a2b1c",
       "timestamp": "2025-06-01T12:00:00Z"}
      """;

  public static final String ALREADY_QUEUED =
      """
      {"success": true, "message": "A cron job is already queued for background processing",
       "status": "already_queued", "mode": "redis",
       "run_id": "0b6f3f5e-4a4e-4a8e-9a51-6f7f4f6a2b1c", "timestamp": "2025-06-01T12:00:00Z"}
      """;

  public static final String QUEUED_GA =
      """
      ::notice::Cron job queued to Redis for background processing
      """;

  public static final String NO_JOBS =
      """
      {"success": true, "message": "No jobs in queue", "timestamp": "2025-06-01T12:00:00Z"}
      """;

  public static final String INVALID_PARAM =
      """
      {"success": false, "code": "rest_invalid_param",
       "message": "Invalid parameter(s): defer must be one of 1, true, yes, on, 0, false, no, \
      off (got 'maybe')",
       "params": {"defer": "must be one of 1, true, yes, on, 0, false, no, off (got 'maybe')"},
       "data": {"status": 400}}
      """;

  public static final String AUTH_MISSING =
      """
      {"success": false, "code": "all_sites_cron_auth_missing",
       "message": "Authentication required: send 'Authorization: Bearer <token>' or \
      ?token=<token>.",
       "data": {"status": 401}}
      """;

  public static final String AUTH_INVALID =
      """
      {"success": false, "code": "all_sites_cron_auth_invalid",
       "message": "Invalid authentication token.", "data": {"status": 403}}
      """;

  public static final String LOCKED =
      """
      {"success": false, "code": "all_sites_cron_locked",
       "message": "Another cron process is currently running. Please try again later.",
       "data": {"status": 409}}
      """;

  public static final String LOCKED_GA =
      """
      ::warning::Another cron process is currently running. Please try again later.
      """;

  public static final String RATE_LIMITED =
      """
      {"success": false, "code": "all_sites_cron_rate_limited",
       "message": "Rate limited. Try again in 42 seconds.", "error": "rate_limited",
       "retry_after": 42, "cooldown": 60, "last_run_gmt": "2025-06-01T11:59:18Z",
       "timestamp": "2025-06-01T12:00:00Z", "data": {"status": 429}}
      """;

  public static final String RUN_ABORTED =
      """
      {"success": false, "code": "all_sites_cron_run_aborted",
       "message": "Run aborted after 120 of 412 sites: lock lost",
       "run_id": "0b6f3f5e-4a4e-4a8e-9a51-6f7f4f6a2b1c", "data": {"status": 500}}
      """;

  public static final String REDIS_UNAVAILABLE =
      """
      {"success": false, "code": "all_sites_cron_redis_unavailable",
       "message": "Redis is unavailable; nothing was run or queued. Try again later.",
       "data": {"status": 503}}
      """;

  public static final String RUN_NOT_FOUND =
      """
      {"success": false, "code": "all_sites_cron_run_not_found",
       "message": "No run with id 0b6f3f5e.", "data": {"status": 404}}
      """;

  public static final String ERROR_GA =
      """
      ::error::Invalid authentication token.
      """;

  public static final String REPORT =
      """
      {"run_id": "0b6f3f5e-4a4e-4a8e-9a51-6f7f4f6a2b1c", "trigger": "rest-deferred",
       "state": "finished", "started_at": "2025-06-01T12:00:01.120Z",
       "finished_at": "2025-06-01T12:00:06.132Z", "duration_ms": 5012, "total": 3, "count": 3,
       "ok": 1, "errors": 1, "timeouts": 1,
       "failed_sites": [
         {"url": "https://example.org/shop", "outcome": "http_error", "status": 500,
          "error": "HTTP 500", "duration_ms": 143}],
       "fence": 17, "backoff": 0}
      """;

  public static final String STATUS =
      """
      {"coordination": "redis",
       "current_run": {"run_id": "0b6f3f5e-4a4e-4a8e-9a51-6f7f4f6a2b1c", "trigger": "rest",
                       "started_at": "2025-06-01T12:00:01.120Z", "done": 120, "total": 412,
                       "errors": 2},
       "queue": {"length": 0, "dead": 0},
       "lock": {"held": true, "owner": "0b6f3f5e-4a4e-4a8e-9a51-6f7f4f6a2b1c", "ttl_ms": 241200},
       "cooldown": {"remaining_s": 37},
       "recent_runs": []}
      """;

  public static final String RUN_LIST = "{\"runs\": [" + REPORT + "]}";

  public static final String REQUEUED =
      """
      {"success": false, "code": "all_sites_cron_locked",
       "message": "Another cron process is currently running; the job was put back (retry 1).",
       "data": {"status": 409}}
      """;

  public static final String SITE_NOT_FOUND =
      """
      {"success": false, "code": "all_sites_cron_site_not_found",
       "message": "No eligible site with blog_id or URL '42'.", "data": {"status": 404}}
      """;

  public static final String SITE_PAGE =
      """
      {"state": "backoff",
       "summary": {"as_of": "2025-06-01T12:00:06.132Z",
                   "run_id": "0b6f3f5e-4a4e-4a8e-9a51-6f7f4f6a2b1c", "sites": 412, "ok": 405,
                   "failing": 3, "behind": 1, "backoff": 3, "oldest_overdue_s": 1260},
       "sites": [
         {"blog_id": 17, "url": "https://example.org/old-shop", "state": "backoff",
          "http_outcome": "connect_error", "status": 0, "reason": "Connection refused",
          "last_look": "2025-06-01T12:00:02.310Z", "consecutive_failures": 4,
          "backoff_until": "2025-06-01T12:02:01.120Z", "backoff_level": 2}],
       "next_cursor": null}
      """;
}
