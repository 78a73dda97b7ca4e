package org.allsitescron.coordination.redis;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.allsitescron.config.CronConfig;
import org.allsitescron.coordination.RedisKeys;
import org.allsitescron.coordination.ReportStore;

/**
 * Run reports in Redis, each with a time to live, indexed by start time, so {@code /runs} answers
 * the same on every replica. The in-progress marker lives as long as the lock would.
 */
@ApplicationScoped
@Typed(RedisReportStore.class)
public class RedisReportStore implements ReportStore {

  /** Reports the index keeps; older ones are dropped from it (and expire on their own). */
  static final int INDEXED = 500;

  private final RedisCommands redis;
  private final RedisKeys keys;
  private final String reportTtlMillis;
  private final String currentTtlMillis;

  RedisReportStore(RedisCommands redis, RedisKeys keys, CronConfig config) {
    this.redis = redis;
    this.keys = keys;
    this.reportTtlMillis = String.valueOf(config.redis().reportTtl().toMillis());
    this.currentTtlMillis = String.valueOf(config.lockTimeout().toMillis());
  }

  @Override
  public Uni<Void> save(String runId, long startedAtMillis, String json, boolean running) {
    return redis
        .eval(
            Script.REPORT_SAVE,
            List.of(keys.report(runId), keys.reports(), keys.currentRun(), keys.lock()),
            json,
            reportTtlMillis,
            runId,
            String.valueOf(startedAtMillis),
            running ? "1" : "0",
            currentTtlMillis,
            String.valueOf(INDEXED))
        .replaceWithVoid();
  }

  @Override
  public Uni<Optional<String>> find(String runId) {
    return redis.run("GET", keys.report(runId)).map(RedisReportStore::text);
  }

  /**
   * {@code ZREVRANGE runs 0 limit-1}, then {@code MGET} of those reports (expired ones skipped).
   */
  @Override
  public Uni<List<String>> recent(int limit) {
    return redis
        .run("ZREVRANGE", keys.reports(), "0", String.valueOf(limit - 1))
        .chain(ids -> reports(ids));
  }

  @Override
  public Uni<Optional<String>> current() {
    return redis
        .run("GET", keys.currentRun())
        .chain(
            id ->
                id == null ? Uni.createFrom().item(Optional.<String>empty()) : find(id.toString()));
  }

  private Uni<List<String>> reports(Response ids) {
    if (ids == null || ids.size() == 0) {
      return Uni.createFrom().item(List.of());
    }
    List<String> reportKeys = new ArrayList<>();
    ids.forEach(id -> reportKeys.add(keys.report(id.toString())));
    return redis
        .run("MGET", reportKeys.toArray(String[]::new))
        .map(
            values -> {
              List<String> found = new ArrayList<>();
              values.forEach(value -> text(value).ifPresent(found::add));
              return found;
            });
  }

  private static Optional<String> text(Response value) {
    return value == null ? Optional.empty() : Optional.of(value.toString());
  }
}
