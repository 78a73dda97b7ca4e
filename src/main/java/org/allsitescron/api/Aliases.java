package org.allsitescron.api;

import io.quarkus.logging.Log;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Maps every alias onto its canonical path before any route is matched, so resources, the OpenAPI
 * document, metric tags and logs see only {@code /all-sites-cron/v1/...}: {@code /wp-json/...} for
 * every route, and the deprecated {@code dss-cron/v1/run} (with or without {@code /wp-json}), whose
 * answers (errors included) carry {@code Deprecation} (RFC 9745) and a {@code Link} to the
 * successor; a call to it is logged at most once a minute.
 */
public class Aliases {

  public static final String BASE = "/all-sites-cron/v1";

  static final String WP_JSON = "/wp-json";
  static final String LEGACY_RUN = "/dss-cron/v1/run";

  /** When the {@code dss-cron/v1} namespace was superseded by {@code all-sites-cron/v1}. */
  static final Instant DEPRECATED_AT = Instant.parse("2025-01-01T00:00:00Z");

  private static final String DEPRECATED = Aliases.class.getName() + ".deprecated";
  private static final long WARN_EVERY_MS = 60_000;

  private final AtomicLong lastWarning = new AtomicLong();

  @ServerRequestFilter(preMatching = true)
  public void toCanonical(ContainerRequestContext request) {
    String path = request.getUriInfo().getRequestUri().getRawPath();
    String canonical = canonical(path);
    if (canonical.equals(path)) {
      return;
    }
    if (isLegacy(path)) {
      request.setProperty(DEPRECATED, Boolean.TRUE);
      warnAtMostOnceAMinute(path);
    }
    request.setRequestUri(
        request.getUriInfo().getRequestUriBuilder().replacePath(canonical).build());
  }

  @ServerResponseFilter
  public void markDeprecated(ContainerRequestContext request, ContainerResponseContext response) {
    if (request.getProperty(DEPRECATED) != null) {
      response.getHeaders().putSingle("Deprecation", "@" + DEPRECATED_AT.getEpochSecond());
      response.getHeaders().putSingle("Link", "<" + BASE + "/run>; rel=\"successor-version\"");
    }
  }

  /** The canonical path of {@code path}; {@code path} itself when it is no alias. */
  static String canonical(String path) {
    String bare = withoutWpJson(path);
    if (isLegacy(path)) {
      return BASE + "/run";
    }
    return bare.startsWith(BASE + "/") ? bare : path;
  }

  private static boolean isLegacy(String path) {
    return withoutWpJson(path).equals(LEGACY_RUN);
  }

  private static String withoutWpJson(String path) {
    return path.startsWith(WP_JSON + "/") ? path.substring(WP_JSON.length()) : path;
  }

  private void warnAtMostOnceAMinute(String path) {
    long now = System.currentTimeMillis();
    long last = lastWarning.get();
    if (now - last >= WARN_EVERY_MS && lastWarning.compareAndSet(last, now)) {
      Log.warnf("Deprecated endpoint %s was called; use %s/run instead", path, BASE);
    }
  }
}
