package org.allsitescron.sites;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** Where the eligible sites of the network come from, in a stable order. */
public interface SiteSource {

  /**
   * The eligible sites, at most {@code limit}, read lazily batch by batch as the subscriber
   * requests them, so memory does not grow with the network.
   */
  default Multi<Site> sites(int limit) {
    return sites(limit, 0);
  }

  /**
   * The eligible sites whose id is above {@code afterId}, at most {@code limit}, in increasing id
   * order: where a run resumes from its checkpoint.
   */
  Multi<Site> sites(int limit, long afterId);

  /** How many sites {@link #sites(int)} will emit, at most {@code limit}. */
  Uni<Long> count(int limit);

  /** Completes when the source can be read; fails with the reason otherwise (readiness). */
  Uni<Void> check();

  /** A short name for logs and health details. */
  String describe();
}
