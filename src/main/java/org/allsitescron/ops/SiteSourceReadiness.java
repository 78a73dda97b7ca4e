package org.allsitescron.ops;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.allsitescron.sites.SiteSource;
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
        // Whatever the failure, it is the answer: DOWN, with the reason.
        .onFailure()
        .recoverWithItem(e -> response().down().withData("error", reason(e)).build());
  }

  private HealthCheckResponseBuilder response() {
    return HealthCheckResponse.named(NAME).withData("source", sites.describe());
  }

  private static String reason(Throwable e) {
    if (e instanceof TimeoutException) {
      return "no answer within " + TIMEOUT.toMillis() + " ms";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
