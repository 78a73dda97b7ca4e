package org.allsitescron.ops;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Liveness: UP whenever the process answers. Nothing outside the process (database, Redis, sites)
 * belongs here: a restart would not bring it back, readiness covers it.
 */
@Liveness
@ApplicationScoped
public class ProcessLiveness implements AsyncHealthCheck {

  @Override
  public Uni<HealthCheckResponse> call() {
    return Uni.createFrom().item(HealthCheckResponse.up("all-sites-cron"));
  }
}
