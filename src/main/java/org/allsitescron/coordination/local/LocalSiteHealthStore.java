package org.allsitescron.coordination.local;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.allsitescron.config.CronConfig;
import org.allsitescron.coordination.SiteHealthStore;
import org.allsitescron.coordination.SiteRecord;
import org.allsitescron.coordination.SiteSlice;

/**
 * Site states of a single instance, in memory, in {@code blog_id} order; bounded by {@code
 * health.local-max-sites} (sites beyond it are not tracked) and faded after {@code health.ttl}.
 */
@ApplicationScoped
@Typed(LocalSiteHealthStore.class)
public class LocalSiteHealthStore implements SiteHealthStore {

  private final ConcurrentSkipListMap<Long, SiteRecord> records = new ConcurrentSkipListMap<>();
  private final int maxSites;
  private final long ttlMillis;
  private final AtomicBoolean warnedFull = new AtomicBoolean();
  private volatile String summary;

  public LocalSiteHealthStore(CronConfig config) {
    this.maxSites = config.health().localMaxSites();
    this.ttlMillis = config.health().ttl().toMillis();
  }

  @Override
  public Uni<Map<Long, SiteRecord>> read(List<Long> blogIds) {
    return Uni.createFrom().item(() -> readNow(blogIds));
  }

  @Override
  public Uni<Void> save(List<SiteRecord> batch) {
    return Uni.createFrom()
        .item(
            () -> {
              batch.forEach(this::saveNow);
              return true;
            })
        .replaceWithVoid();
  }

  @Override
  public Uni<SiteSlice> slice(long afterBlogId, int count) {
    return Uni.createFrom().item(() -> sliceNow(afterBlogId, count));
  }

  @Override
  public Uni<Void> saveSummary(String json) {
    return Uni.createFrom()
        .item(
            () -> {
              summary = json;
              return true;
            })
        .replaceWithVoid();
  }

  @Override
  public Uni<Optional<String>> summary() {
    return Uni.createFrom().item(() -> Optional.ofNullable(summary));
  }

  private Map<Long, SiteRecord> readNow(List<Long> blogIds) {
    long now = System.currentTimeMillis();
    Map<Long, SiteRecord> found = new HashMap<>();
    for (Long id : blogIds) {
      SiteRecord record = live(id, records.get(id), now);
      if (record != null) {
        found.put(id, record);
      }
    }
    return found;
  }

  private void saveNow(SiteRecord record) {
    if (!records.containsKey(record.blogId()) && records.size() >= maxSites) {
      if (warnedFull.compareAndSet(false, true)) {
        Log.warnf(
            "Site health keeps at most %d sites in process (health.local-max-sites); further"
                + " sites are not tracked",
            maxSites);
      }
      return;
    }
    records.put(record.blogId(), record);
  }

  private SiteSlice sliceNow(long afterBlogId, int count) {
    long now = System.currentTimeMillis();
    List<SiteRecord> found = new ArrayList<>();
    long last = afterBlogId;
    int looked = 0;
    for (Map.Entry<Long, SiteRecord> entry : records.tailMap(afterBlogId, false).entrySet()) {
      if (looked == count) {
        return new SiteSlice(found, last, true);
      }
      looked++;
      last = entry.getKey();
      SiteRecord record = live(entry.getKey(), entry.getValue(), now);
      if (record != null) {
        found.add(record);
      }
    }
    return new SiteSlice(found, last, false);
  }

  /** The record unless it has faded (then it is dropped). */
  private SiteRecord live(long id, SiteRecord record, long now) {
    if (record == null) {
      return null;
    }
    if (record.lookedAt() + ttlMillis < now) {
      records.remove(id, record);
      return null;
    }
    return record;
  }
}
