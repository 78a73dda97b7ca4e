package org.allsitescron.coordination;

import io.smallrye.mutiny.Uni;

/**
 * Decides, atomically across replicas, whether a trigger runs: cooldown first (rate limited), then
 * the lock (locked), then it starts the cooldown and either takes the lock (sync) or queues the job
 * (deferred). Of any number of simultaneous tickets at most one is admitted.
 */
public interface Admission {

  /** Admits or refuses {@code ticket}; see {@link Decision}. */
  Uni<Decision> admit(Ticket ticket);

  /** Seconds left of the cooldown; 0 when a trigger would pass it. */
  Uni<Long> cooldownRemaining();
}
