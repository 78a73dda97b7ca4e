package org.allsitescron.coordination.redis;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.allsitescron.coordination.RedisKeys;

/**
 * Removes every key the service wrote ("uninstall"): everything under the prefix, found with {@code
 * SCAN} (never {@code KEYS}), plus the queue and dead-letter list when a custom queue key lies
 * outside the prefix. Keys of anyone else are left alone.
 */
@ApplicationScoped
public class RedisCleanup {

  private static final String SCAN_COUNT = "500";

  private final RedisCommands redis;
  private final RedisKeys keys;

  RedisCleanup(RedisCommands redis, RedisKeys keys) {
    this.redis = redis;
    this.keys = keys;
  }

  /** Deletes the service's keys and returns their names. */
  public Uni<List<String>> removeAll() {
    return ownKeys()
        .chain(
            found ->
                found.isEmpty()
                    ? Uni.createFrom().item(List.<String>of())
                    : redis
                        .run("UNLINK", found.toArray(String[]::new))
                        .replaceWith(List.copyOf(found)));
  }

  private Uni<Set<String>> ownKeys() {
    Set<String> found = new LinkedHashSet<>();
    return Multi.createBy()
        .repeating()
        .uni(() -> new String[] {"0"}, cursor -> scanPage(cursor, found))
        .until(done -> done)
        .collect()
        .last()
        .chain(() -> existing(List.of(keys.queue(), keys.dead())))
        .map(
            extra -> {
              found.addAll(extra);
              return found;
            });
  }

  /** {@code SCAN <cursor> MATCH <prefix>* COUNT 500}; true once the cursor is back at 0. */
  private Uni<Boolean> scanPage(String[] cursor, Set<String> found) {
    if (cursor[0] == null) {
      return Uni.createFrom().item(true);
    }
    return redis
        .run("SCAN", cursor[0], "MATCH", escapeGlob(keys.prefix()) + "*", "COUNT", SCAN_COUNT)
        .map(
            page -> {
              page.get(1).forEach(key -> found.add(key.toString()));
              String next = page.get(0).toString();
              cursor[0] = "0".equals(next) ? null : next;
              return false;
            });
  }

  private Uni<List<String>> existing(List<String> candidates) {
    return Multi.createFrom()
        .iterable(candidates)
        .onItem()
        .transformToUniAndConcatenate(
            key -> redis.run("EXISTS", key).map(n -> n.toLong() == 1 ? key : null))
        .select()
        .where(key -> key != null)
        .collect()
        .asList();
  }

  private static String escapeGlob(String prefix) {
    StringBuilder escaped = new StringBuilder();
    for (char c : prefix.toCharArray()) {
      if ("*?[]\\".indexOf(c) >= 0) {
        escaped.append('\\');
      }
      escaped.append(c);
    }
    return escaped.toString();
  }
}
