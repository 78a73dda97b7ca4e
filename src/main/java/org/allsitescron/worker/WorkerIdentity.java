package org.allsitescron.worker;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** This replica's name as a queue consumer: host name plus a random part, unique per process. */
@ApplicationScoped
public class WorkerIdentity {

  private final String consumer;

  WorkerIdentity() {
    String host = System.getenv().getOrDefault("HOSTNAME", "local");
    this.consumer = host + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** The consumer name of this process. */
  public String consumer() {
    return consumer;
  }
}
