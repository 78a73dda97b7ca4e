package org.allsitescron.api;

import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/** The last route: whatever no resource or Quarkus endpoint took gets a JSON 404, not a page. */
@Singleton
public class NotFoundFallback {

  void register(@Observes Router router) {
    String body = Json.encode(ErrorMapper.body(ErrorMapper.notFoundError()));
    router
        .route()
        .last()
        .handler(
            ctx ->
                ctx.response()
                    .setStatusCode(404)
                    .putHeader("Content-Type", "application/json")
                    .end(body));
  }
}
