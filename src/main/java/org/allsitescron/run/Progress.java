package org.allsitescron.run;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.allsitescron.sites.Site;

/**
 * Where a run is in its sites, as a checkpoint can say it: every site up to {@code after} (by id,
 * the order the source emits them) is done, and so are the ids in {@code beyond}. Memory holds the
 * sites in flight and those finished while an earlier one still is (bounded by what fits in one
 * {@code request-timeout}), never the sites done so far.
 */
final class Progress {

  private final TreeSet<Long> inFlight = new TreeSet<>();
  private final TreeSet<Long> beyond = new TreeSet<>();
  private final Map<String, ArrayDeque<Long>> idsByUrl = new HashMap<>();
  private long after;
  private long passed;
  private long highestSeen;
  private final UnaryOperator<String> reported;

  /**
   * A fresh run.
   *
   * @param reported the URL an outcome names for a site's URL
   */
  Progress(UnaryOperator<String> reported) {
    this.reported = reported;
  }

  /** A run resumed from {@code checkpoint}: its finished sites beyond the cursor are skipped. */
  Progress(Checkpoint checkpoint, UnaryOperator<String> reported) {
    this.reported = reported;
    this.after = checkpoint.after();
    this.passed = checkpoint.passed();
    this.highestSeen = checkpoint.after();
    this.beyond.addAll(checkpoint.beyond());
  }

  /** The site is next in the source: false when it was done before the resume (skip it). */
  synchronized boolean take(Site site) {
    highestSeen = Math.max(highestSeen, site.id());
    if (beyond.contains(site.id())) {
      advance();
      return false;
    }
    inFlight.add(site.id());
    // By the URL the outcome will carry (credentials redacted), so done(outcome.url()) finds it.
    idsByUrl.computeIfAbsent(site.displayUrl(), url -> new ArrayDeque<>()).add(site.id());
    return true;
  }

  /** A site taken but not requested (a duplicate of an earlier one): done at once. */
  synchronized void skip(Site site) {
    ArrayDeque<Long> ids = idsByUrl.get(site.displayUrl());
    if (ids != null) {
      ids.removeLastOccurrence(site.id());
      if (ids.isEmpty()) {
        idsByUrl.remove(site.displayUrl());
      }
    }
    if (inFlight.remove(site.id())) {
      beyond.add(site.id());
      advance();
    }
  }

  /** The site of {@code url} (the oldest of that URL in flight) is done. */
  synchronized void done(String url) {
    ArrayDeque<Long> ids = idsByUrl.get(url);
    Long id = ids == null ? null : ids.poll();
    if (id == null) {
      return;
    }
    if (ids.isEmpty()) {
      idsByUrl.remove(url);
    }
    inFlight.remove(id);
    beyond.add(id);
    advance();
  }

  /** Sites requested and not yet done. */
  synchronized int inFlight() {
    return inFlight.size();
  }

  synchronized Checkpoint checkpoint(RunReport report) {
    return new Checkpoint(after, passed, List.copyOf(beyond), report);
  }

  /**
   * Moves the cursor over finished sites that no earlier site still waits for: every id up to the
   * highest the source has emitted is finished, in flight, or skipped as finished.
   */
  private void advance() {
    long floor = inFlight.isEmpty() ? Long.MAX_VALUE : inFlight.first();
    while (!beyond.isEmpty() && beyond.first() < floor && beyond.first() <= highestSeen) {
      after = beyond.pollFirst();
      passed++;
    }
  }
}
