package org.allsitescron.sites;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.util.Collection;
import java.util.List;
import java.util.Map;

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

  /**
   * The cron state of the given sites (by id), read at once with the database's clock; fails where
   * there is no database to read.
   */
  default Uni<Map<Long, CronState>> cronStates(Collection<Long> siteIds) {
    return Uni.createFrom()
        .failure(new UnsupportedOperationException(describe() + " has no cron state"));
  }

  /** Tables saying cron events are stored outside the {@code cron} option; empty when none. */
  default Uni<List<String>> cronStoredElsewhere() {
    return Uni.createFrom().item(List.of());
  }
}
