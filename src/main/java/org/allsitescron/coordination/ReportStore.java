package org.allsitescron.coordination;

import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Optional;

/**
 * Run reports as JSON documents, readable from every replica: each run by id, the most recent ones,
 * and the run in progress.
 */
public interface ReportStore {

  /**
   * Stores or replaces a run's report; a running report also becomes the current run, and is stored
   * only while its run ({@code runId}) holds the run lock (a late write is dropped).
   *
   * @param startedAtMillis the run's start, which orders the reports
   */
  Uni<Void> save(String runId, long startedAtMillis, String json, boolean running);

  /** One run's report. */
  Uni<Optional<String>> find(String runId);

  /** The most recent reports, newest first. */
  Uni<List<String>> recent(int limit);

  /** The report of the run in progress, if any. */
  Uni<Optional<String>> current();
}
