package org.allsitescron.coordination.local;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.allsitescron.coordination.ReportStore;

/** The most recent run reports of a single instance, in memory. */
@ApplicationScoped
@Typed(LocalReportStore.class)
public class LocalReportStore implements ReportStore {

  static final int KEPT = 100;

  private final Map<String, String> reports =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
          return size() > KEPT;
        }
      };
  private String currentRunId;

  @Override
  public Uni<Void> save(String runId, long startedAtMillis, String json, boolean running) {
    return Uni.createFrom().item(() -> saveNow(runId, json, running)).replaceWithVoid();
  }

  @Override
  public Uni<Optional<String>> find(String runId) {
    return Uni.createFrom().item(() -> findNow(runId));
  }

  @Override
  public Uni<List<String>> recent(int limit) {
    return Uni.createFrom().item(() -> recentNow(limit));
  }

  @Override
  public Uni<Optional<String>> current() {
    return Uni.createFrom().item(() -> currentNow());
  }

  private synchronized boolean saveNow(String runId, String json, boolean running) {
    reports.put(runId, json);
    if (running) {
      currentRunId = runId;
    } else if (runId.equals(currentRunId)) {
      currentRunId = null;
    }
    return true;
  }

  private synchronized Optional<String> findNow(String runId) {
    return Optional.ofNullable(reports.get(runId));
  }

  private synchronized List<String> recentNow(int limit) {
    List<String> newestFirst = new ArrayList<>(reports.values());
    java.util.Collections.reverse(newestFirst);
    return List.copyOf(newestFirst.subList(0, Math.min(limit, newestFirst.size())));
  }

  private synchronized Optional<String> currentNow() {
    return currentRunId == null ? Optional.empty() : findNow(currentRunId);
  }
}
