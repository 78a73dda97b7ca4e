package org.allsitescron.coordination;

import io.smallrye.mutiny.Uni;
import java.util.List;

/**
 * The upkeep of the store the replicas share, as the operations side needs it: is it usable, may it
 * evict keys, remove every key of the service, the dead-letter list. Only Redis has one ({@link
 * CoordinationMode#upkeep()}); the embedded mode keeps nothing outside this process.
 */
public interface Upkeep {

  /** The only eviction policy under which Redis never drops the service's keys. */
  String NO_EVICTION = "noeviction";

  /**
   * What a run needs, tried for real (a write that fails on a missing password, a full Redis, a
   * read-only replica); the eviction policy. Fails with a {@link CoordinationUnavailableException}
   * saying why.
   */
  Uni<String> check();

  /** The eviction policy ({@code maxmemory-policy}) alone. */
  Uni<String> evictionPolicy();

  /** Deletes the service's keys and returns their names. */
  Uni<List<String>> removeAll();

  /** The dead-letter list's length and its first {@code limit} entries, oldest first. */
  Uni<DeadLetters> deadLetters(int limit);

  /** Puts an entry's job back into the queue; false when the entry was no longer in the list. */
  Uni<Boolean> replay(String entry, String job);

  /** Empties the dead-letter list; the number of entries removed. */
  Uni<Long> purgeDeadLetters();

  /** The dead-letter list's length and some of its entries, as the queue's {@code bury} wrote. */
  record DeadLetters(long total, List<String> entries) {}
}
