package org.allsitescron.coordination;

import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Per-site state that outlives a run (SPEC §8), read and written a batch of sites at a time so a
 * run never pays one round trip per site; each entry fades after {@code health.ttl} without a look,
 * so deleted sites go away. Also the summary of the last full run over the network.
 */
public interface SiteHealthStore {

  /**
   * The stored records of these sites; sites without one (or with an unreadable one) are absent.
   */
  Uni<Map<Long, SiteRecord>> read(List<Long> blogIds);

  /** Stores these records, each with the time to live {@code health.ttl}. */
  Uni<Void> save(List<SiteRecord> records);

  /** At most {@code count} sites with a {@code blog_id} above {@code afterBlogId}, in order. */
  Uni<SiteSlice> slice(long afterBlogId, int count);

  /** Stores the summary of the last full run (a JSON document). */
  Uni<Void> saveSummary(String json);

  /** The summary of the last full run, if any run left one. */
  Uni<Optional<String>> summary();
}
