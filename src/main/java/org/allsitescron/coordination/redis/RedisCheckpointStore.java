package org.allsitescron.coordination.redis;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.util.List;
import java.util.Optional;
import org.allsitescron.config.CronConfig;
import org.allsitescron.coordination.CheckpointStore;
import org.allsitescron.coordination.Lease;
import org.allsitescron.coordination.RedisKeys;

/**
 * Checkpoints in Redis ({@code checkpoint:<run id>}, kept as long as reports), written only under
 * the run lock ({@code checkpoint-save.lua}), read by whichever replica takes the job over.
 */
@ApplicationScoped
@Typed(RedisCheckpointStore.class)
public class RedisCheckpointStore implements CheckpointStore {

  private final RedisCommands redis;
  private final RedisKeys keys;
  private final String ttlMillis;

  RedisCheckpointStore(RedisCommands redis, RedisKeys keys, CronConfig config) {
    this.redis = redis;
    this.keys = keys;
    this.ttlMillis = String.valueOf(config.redis().reportTtl().toMillis());
  }

  @Override
  public Uni<Boolean> save(Lease lease, String json) {
    return redis
        .eval(
            Script.CHECKPOINT_SAVE,
            List.of(keys.lock(), keys.checkpoint(lease.owner())),
            lease.owner(),
            json,
            ttlMillis)
        .map(stored -> stored.toLong() == 1);
  }

  @Override
  public Uni<Optional<String>> find(String runId) {
    return redis
        .run("GET", keys.checkpoint(runId))
        .map(value -> value == null ? Optional.<String>empty() : Optional.of(value.toString()));
  }

  @Override
  public Uni<Void> drop(String runId) {
    return redis.run("DEL", keys.checkpoint(runId)).replaceWithVoid();
  }
}
