package org.allsitescron.ops;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;

/**
 * {@code /q/health/started}: UP once start-up is through, that is once {@link StartupChecks} has
 * accepted the configuration and the start-up report is written.
 */
@Startup
@ApplicationScoped
public class StartupCompleted implements AsyncHealthCheck {

  static final String NAME = "start-up";

  private volatile boolean started;

  void onStart(@Observes @Priority(Interceptor.Priority.LIBRARY_AFTER + 100) StartupEvent event) {
    started = true;
  }

  @Override
  public Uni<HealthCheckResponse> call() {
    return Uni.createFrom().item(HealthCheckResponse.named(NAME).status(started).build());
  }
}
