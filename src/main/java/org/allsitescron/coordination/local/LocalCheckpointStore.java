package org.allsitescron.coordination.local;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.allsitescron.coordination.CheckpointStore;
import org.allsitescron.coordination.Lease;

/**
 * Checkpoints of a single instance, in memory: a job handed back at shutdown dies with the process
 * anyway, so this only serves a job requeued and taken again by the same process.
 */
@ApplicationScoped
@Typed(LocalCheckpointStore.class)
public class LocalCheckpointStore implements CheckpointStore {

  private final Map<String, String> checkpoints = new ConcurrentHashMap<>();

  @Override
  public Uni<Boolean> save(Lease lease, String json) {
    return Uni.createFrom().item(() -> checkpoints.put(lease.owner(), json)).replaceWith(true);
  }

  @Override
  public Uni<Optional<String>> find(String runId) {
    return Uni.createFrom().item(() -> Optional.ofNullable(checkpoints.get(runId)));
  }

  @Override
  public Uni<Void> drop(String runId) {
    return Uni.createFrom().item(() -> checkpoints.remove(runId)).replaceWithVoid();
  }
}
