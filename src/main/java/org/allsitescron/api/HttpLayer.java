package org.allsitescron.api;

import io.quarkus.logging.Log;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * What fails before any resource is reached (an unknown route, a failing Quarkus endpoint) answers
 * in the same error shape as the resources. Quarkus itself answers a URI {@code java.net.URI}
 * refuses ({@code %ZZ}), a request line or headers too long ({@code 414}, {@code 431}) or not HTTP
 * before any handler runs, with an empty body; see {@code docs/api.md}.
 */
@Singleton
public class HttpLayer {

  void register(@Observes Router router) {
    router.route().order(Integer.MIN_VALUE).failureHandler(this::failed);
    router.route().last().handler(ctx -> answer(ctx, ApiError.noRoute(404)));
  }

  private void failed(RoutingContext ctx) {
    if (ctx.response().headWritten()) {
      ctx.next();
      return;
    }
    int status = ctx.statusCode() < 400 ? 500 : ctx.statusCode();
    if (status >= 500) {
      Log.error("Unexpected error while answering " + ctx.request().path(), ctx.failure());
    }
    answer(ctx, ApiError.ofHttpStatus(status));
  }

  private static void answer(RoutingContext ctx, ApiError error) {
    boolean ga = Query.parse(ctx.request().query()).lenientFlag("ga");
    ctx.response()
        .setStatusCode(error.status())
        .putHeader("Content-Type", ga ? Answers.GA_TEXT.toString() : "application/json")
        .end(ga ? error.gaText() : Json.encode(error.body()));
  }
}
