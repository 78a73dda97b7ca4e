package org.allsitescron.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.allsitescron.coordination.ReportStore;

/** Run reports as records, over the JSON documents of the {@link ReportStore}. */
@ApplicationScoped
public class RunReports {

  private final ReportStore store;
  private final ObjectMapper json;

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
