package org.allsitescron.sites;

import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import org.allsitescron.config.CronConfig;

/** Produces the one {@link SiteSource} the configuration names. */
@ApplicationScoped
public class SiteSources {

  @Produces
  @ApplicationScoped
  SiteSource siteSource(CronConfig config, Instance<Pool> pools) {
    return switch (config.sites().source()) {
      case STATIC -> new StaticSiteSource(config);
      case WORDPRESS_DB -> new WordpressDbSiteSource(pools.get(), config);
    };
  }
}
