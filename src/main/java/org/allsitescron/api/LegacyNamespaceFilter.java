package org.allsitescron.api;

import io.quarkus.logging.Log;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Marks every answer of the legacy {@code dss-cron/v1} namespace deprecated (RFC 9745) with a link
 * to its successor, errors included, and logs a deprecation warning at most once a minute.
 */
public class LegacyNamespaceFilter {

  /** When the {@code dss-cron/v1} namespace was superseded by {@code all-sites-cron/v1}. */
  static final Instant DEPRECATED_AT = Instant.parse("2025-01-01T00:00:00Z");

  private static final long WARN_EVERY_MS = 60_000;

  private final AtomicLong lastWarning = new AtomicLong();

  @ServerResponseFilter
  public void markDeprecated(ContainerRequestContext request, ContainerResponseContext response) {
    String path = request.getUriInfo().getPath();
    if (!path.contains("/dss-cron/v1/")) {
      return;
    }
    response.getHeaders().putSingle("Deprecation", "@" + DEPRECATED_AT.getEpochSecond());
    response.getHeaders().putSingle("Link", "</all-sites-cron/v1/run>; rel=\"successor-version\"");
    warnAtMostOnceAMinute(path);
  }

  private void warnAtMostOnceAMinute(String path) {
    long now = System.currentTimeMillis();
    long last = lastWarning.get();
    if (now - last >= WARN_EVERY_MS && lastWarning.compareAndSet(last, now)) {
      Log.warnf("Deprecated endpoint %s was called; use /all-sites-cron/v1/run instead", path);
    }
  }
}
