package org.allsitescron.sites;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.allsitescron.config.CronConfig;

/**
 * Sites listed in the configuration ({@code all-sites-cron.sites.static}). An entry whose
 * normalized URL an earlier entry already has is marked a duplicate once, here: the list is in
 * memory anyway.
 */
public final class StaticSiteSource implements SiteSource {

  private final List<Site> sites;

  public StaticSiteSource(CronConfig config) {
    List<String> urls = config.sites().staticUrls().orElse(List.of());
    List<Site> list = new ArrayList<>(urls.size());
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < urls.size(); i++) {
      Site site = new Site(i + 1, urls.get(i));
      list.add(keys.add(site.key()) ? site : site.asDuplicate());
    }
    this.sites = List.copyOf(list);
  }

  @Override
  public Multi<Site> sites(int limit, long afterId) {
    int from = (int) Math.min(sites.size(), Math.max(0, afterId));
    return Multi.createFrom().iterable(sites.subList(from, sites.size())).select().first(limit);
  }

  @Override
  public Uni<Long> count(int limit) {
    return Uni.createFrom().item((long) Math.min(limit, sites.size()));
  }

  @Override
  public Uni<Void> check() {
    return Uni.createFrom().voidItem();
  }

  @Override
  public String describe() {
    return "static (" + sites.size() + " sites)";
  }
}
