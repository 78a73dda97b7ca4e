package org.allsitescron.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.allsitescron.coordination.CheckpointStore;
import org.allsitescron.coordination.Lease;

/** Checkpoints as records, over the JSON documents of the {@link CheckpointStore}. */
@ApplicationScoped
public class Checkpoints {

  private final CheckpointStore store;
  private final ObjectMapper json;

  Checkpoints(CheckpointStore store, ObjectMapper json) {
    this.store = store;
    this.json = json;
  }

  /** Stores {@code checkpoint} while {@code lease} owns the lock; false when it no longer does. */
  Uni<Boolean> save(Lease lease, Checkpoint checkpoint) {
    return store.save(lease, write(checkpoint));
  }

  /** The last checkpoint of run {@code runId}; empty when none or unreadable (start over). */
  Uni<Optional<Checkpoint>> find(String runId) {
    return store.find(runId).map(found -> found.flatMap(this::read));
  }

  Uni<Void> drop(String runId) {
    return store.drop(runId);
  }

  private String write(Checkpoint checkpoint) {
    try {
      return json.writeValueAsString(checkpoint);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("checkpoint cannot be written as JSON", e);
    }
  }

  private Optional<Checkpoint> read(String document) {
    try {
      return Optional.of(json.readValue(document, Checkpoint.class));
    } catch (JsonProcessingException e) {
      Log.warnf("Unreadable checkpoint, the run starts over: %s", e.getOriginalMessage());
      return Optional.empty();
    }
  }
}
