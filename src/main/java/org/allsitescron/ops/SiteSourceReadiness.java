package org.allsitescron.ops;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.allsitescron.sites.SiteSource;
import org.allsitescron.sites.SiteSourceUnavailableException;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the site source: for {@code wordpress-db} a one-row query on {@code wp_blogs}, so
 * the check is DOWN while the database is unreachable and UP again once it answers. The details
 * name the source and, when DOWN, the error.
 */
@Readiness
@ApplicationScoped
public class SiteSourceReadiness implements AsyncHealthCheck {

  static final String NAME = "site source";

  /**
   * Below the readiness probe's own timeout (3 s in the Helm chart), so the probe gets an answer.
   */
  static final Duration TIMEOUT = Duration.ofSeconds(2);

  private final SiteSource sites;

  SiteSourceReadiness(SiteSource sites) {
    this.sites = sites;
  }

  @Override
  public Uni<HealthCheckResponse> call() {
    return sites
        .check()
        .ifNoItem()
        .after(TIMEOUT)
        .fail()
        .map(ignored -> response().up().build())
        // Whatever the failure, it is the answer: DOWN, with a reason safe to show; the source
        // logs the details (user and host names), once per outage.
        .onFailure()
        .recoverWithItem(this::down);
  }

  private HealthCheckResponse down(Throwable e) {
    if (e instanceof SiteSourceUnavailableException unavailable) {
      return response()
          .down()
          .withData("reason", unavailable.reason().label())
          .withData("error", unavailable.reason().explanation())
          .build();
    }
    if (e instanceof TimeoutException) {
      return response()
          .down()
          .withData("reason", "timeout")
          .withData("error", "no answer within " + TIMEOUT.toMillis() + " ms")
          .build();
    }
    return response()
        .down()
        .withData("reason", "error")
        .withData("error", "the site source failed (see the service's log)")
        .build();
  }

  private HealthCheckResponseBuilder response() {
    return HealthCheckResponse.named(NAME).withData("source", sites.describe());
  }
}
