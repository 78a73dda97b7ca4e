package org.allsitescron.coordination.redis;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.allsitescron.config.CronConfig;
import org.allsitescron.coordination.RedisKeys;
import org.allsitescron.coordination.SiteHealthStore;
import org.allsitescron.coordination.SiteRecord;
import org.allsitescron.coordination.SiteSlice;

/**
 * Site states in Redis: one string per site ({@code site:<blog_id>}, a {@link SiteRecord} line with
 * a time to live) and a sorted set of the ids for paging in {@code blog_id} order. A batch of sites
 * is one {@code MGET} to read and one script to write.
 */
@ApplicationScoped
@Typed(RedisSiteHealthStore.class)
public class RedisSiteHealthStore implements SiteHealthStore {

  private final RedisCommands redis;
  private final RedisKeys keys;
  private final String ttlMillis;

  RedisSiteHealthStore(RedisCommands redis, RedisKeys keys, CronConfig config) {
    this.redis = redis;
    this.keys = keys;
    this.ttlMillis = String.valueOf(config.health().ttl().toMillis());
  }

  /** {@code MGET site:<id> …}. */
  @Override
  public Uni<Map<Long, SiteRecord>> read(List<Long> blogIds) {
    if (blogIds.isEmpty()) {
      return Uni.createFrom().item(Map.of());
    }
    String[] siteKeys = blogIds.stream().map(keys::site).toArray(String[]::new);
    return redis.run("MGET", siteKeys).map(values -> records(blogIds, values));
  }

  @Override
  public Uni<Void> save(List<SiteRecord> records) {
    if (records.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    List<String> scriptKeys = new ArrayList<>(records.size() + 1);
    scriptKeys.add(keys.sites());
    String[] args = new String[1 + 2 * records.size()];
    args[0] = ttlMillis;
    for (int i = 0; i < records.size(); i++) {
      SiteRecord record = records.get(i);
      scriptKeys.add(keys.site(record.blogId()));
      args[1 + i] = Long.toString(record.blogId());
      args[1 + records.size() + i] = record.encode();
    }
    return redis.eval(Script.SITE_HEALTH_SAVE, scriptKeys, args).replaceWithVoid();
  }

  /**
   * {@code ZRANGEBYSCORE sites (after +inf LIMIT 0 count}, then {@code MGET} of those sites; ids
   * whose state has expired are dropped from the index ({@code ZREM}).
   */
  @Override
  public Uni<SiteSlice> slice(long afterBlogId, int count) {
    return redis
        .run(
            "ZRANGEBYSCORE",
            keys.sites(),
            "(" + afterBlogId,
            "+inf",
            "LIMIT",
            "0",
            String.valueOf(count))
        .chain(ids -> sliceOf(ids, afterBlogId, count));
  }

  @Override
  public Uni<Void> saveSummary(String json) {
    return redis.run("SET", keys.sitesSummary(), json, "PX", ttlMillis).replaceWithVoid();
  }

  @Override
  public Uni<Optional<String>> summary() {
    return redis
        .run("GET", keys.sitesSummary())
        .map(value -> value == null ? Optional.<String>empty() : Optional.of(value.toString()));
  }

  private Uni<SiteSlice> sliceOf(Response idList, long afterBlogId, int count) {
    List<Long> ids = new ArrayList<>();
    if (idList != null) {
      idList.forEach(id -> ids.add(Long.parseLong(id.toString())));
    }
    if (ids.isEmpty()) {
      return Uni.createFrom().item(new SiteSlice(List.of(), afterBlogId, false));
    }
    long last = ids.get(ids.size() - 1);
    boolean more = ids.size() == count;
    return read(ids)
        .call(found -> forgetExpired(ids, found))
        .map(found -> new SiteSlice(inOrder(ids, found), last, more));
  }

  private Uni<Void> forgetExpired(List<Long> ids, Map<Long, SiteRecord> found) {
    List<String> gone = new ArrayList<>();
    gone.add(keys.sites());
    ids.stream().filter(id -> !found.containsKey(id)).forEach(id -> gone.add(id.toString()));
    if (gone.size() == 1) {
      return Uni.createFrom().voidItem();
    }
    return redis.run("ZREM", gone.toArray(String[]::new)).replaceWithVoid();
  }

  private static List<SiteRecord> inOrder(List<Long> ids, Map<Long, SiteRecord> found) {
    List<SiteRecord> ordered = new ArrayList<>(found.size());
    ids.stream().map(found::get).filter(r -> r != null).forEach(ordered::add);
    return ordered;
  }

  private static Map<Long, SiteRecord> records(List<Long> blogIds, Response values) {
    Map<Long, SiteRecord> found = new HashMap<>();
    for (int i = 0; i < blogIds.size(); i++) {
      Response value = values.get(i);
      long id = blogIds.get(i);
      if (value != null) {
        SiteRecord.decode(id, value.toString()).ifPresent(record -> found.put(id, record));
      }
    }
    return found;
  }
}
