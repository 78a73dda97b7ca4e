package org.allsitescron.ops;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.Locale;

/**
 * {@code /q/metrics} answers Prometheus' classic text format unless the client asks for OpenMetrics
 * by name: Quarkus would answer OpenMetrics to {@code Accept: *}{@code /*} (curl) or no {@code
 * Accept}, which {@code promtool check metrics} and parsers built on Prometheus' text-format
 * library reject. Prometheus itself names both formats and still gets what it prefers.
 */
@Singleton
public class MetricsFormat {

  static final String PATH = "/q/metrics";
  static final String TEXT_FORMAT = "text/plain; version=0.0.4";

  void register(@Observes Router router) {
    router
        .route(HttpMethod.GET, PATH)
        .order(Integer.MIN_VALUE)
        .handler(
            ctx -> {
              String accept = ctx.request().getHeader("Accept");
              if (!namesTheTextFormat(accept)) {
                ctx.request().headers().set("Accept", TEXT_FORMAT);
              }
              ctx.next();
            });
  }

  private static boolean namesTheTextFormat(String accept) {
    return accept != null && accept.toLowerCase(Locale.ROOT).contains("text/plain");
  }
}
