package org.allsitescron.coordination;

import io.smallrye.mutiny.Uni;
import java.util.Optional;

/**
 * Where a queued run keeps its progress, by run id, so that a replica taking its job over (the
 * first one died or stopped) resumes where it was instead of starting over. Only the holder of the
 * run lock may write one.
 */
public interface CheckpointStore {

  /** Stores {@code json} for {@code lease}'s run; false when the lease no longer owns the lock. */
  Uni<Boolean> save(Lease lease, String json);

  /** The last checkpoint of run {@code runId}. */
  Uni<Optional<String>> find(String runId);

  /** Forgets run {@code runId}'s checkpoint (the run is over). */
  Uni<Void> drop(String runId);
}
