package org.allsitescron.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.allsitescron.coordination.ReportStore;

/** Run reports as records, over the JSON documents of the {@link ReportStore}. */
@ApplicationScoped
public class RunReports {

  /** Final reports kept in memory while Redis refuses them. */
  static final int UNSAVED_KEPT = 100;

  private final ReportStore store;
  private final ObjectMapper json;
  private final Queue<RunReport> unsaved = new ConcurrentLinkedQueue<>();

  RunReports(ReportStore store, ObjectMapper json) {
    this.store = store;
    this.json = json;
  }

  /** Stores a report; a running one also becomes the current run. */
  public Uni<Void> save(RunReport report) {
    return store.save(
        report.runId(),
        report.startedAt().toEpochMilli(),
        write(report),
        report.state() == RunState.RUNNING);
  }

  /**
   * Keeps a final report Redis refused, to store it as soon as Redis takes writes again ({@link
   * #savePending()}); at most {@value #UNSAVED_KEPT} wait.
   */
  public void saveLater(RunReport report) {
    if (unsaved.size() < UNSAVED_KEPT) {
      unsaved.add(report);
    } else {
      Log.warnf(
          "Run %s: its report is lost, %d others wait to be stored", report.runId(), UNSAVED_KEPT);
    }
  }

  /** Stores the reports Redis refused, oldest first; fails (and keeps them) while it still does. */
  public Uni<Void> savePending() {
    RunReport next = unsaved.peek();
    if (next == null) {
      return Uni.createFrom().voidItem();
    }
    return save(next)
        .invoke(
            () -> {
              unsaved.remove(next);
              Log.infof(
                  "Run %s: report stored now that Redis takes writes again (%s: %s)",
                  next.runId(), next.state().label(), next.abortReason());
            })
        .chain(this::savePending);
  }

  /** One run's report. */
  public Uni<Optional<RunReport>> find(String runId) {
    return store.find(runId).map(found -> found.map(this::read));
  }

  /** The most recent reports, newest first; unreadable entries are skipped. */
  public Uni<List<RunReport>> recent(int limit) {
    return store
        .recent(limit)
        .map(list -> list.stream().map(this::read).filter(Objects::nonNull).toList());
  }

  /** The run in progress on any replica. */
  public Uni<Optional<RunReport>> current() {
    return store.current().map(found -> found.map(this::read));
  }

  private String write(RunReport report) {
    try {
      return json.writeValueAsString(report);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("run report cannot be written as JSON", e);
    }
  }

  private RunReport read(String document) {
    try {
      return json.readValue(document, RunReport.class);
    } catch (JsonProcessingException e) {
      Log.warnf("Skipping an unreadable run report: %s", e.getOriginalMessage());
      return null;
    }
  }
}
