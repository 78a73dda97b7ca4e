package org.allsitescron.coordination;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * This replica's name as a queue consumer and heartbeat owner: the host name (the pod's name on
 * Kubernetes) plus a random part, so a restarted process never reuses a dead one's name.
 */
@ApplicationScoped
public class ReplicaIdentity {

  private final String name;

  ReplicaIdentity() {
    String host = System.getenv().getOrDefault("HOSTNAME", "local");
    this.name = host + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** The consumer name of this process. */
  public String name() {
    return name;
  }
}
