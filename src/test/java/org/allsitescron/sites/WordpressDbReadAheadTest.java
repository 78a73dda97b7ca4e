package org.allsitescron.sites;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.mysqlclient.MySQLPool;
import java.time.Duration;
import java.util.Map;
import org.allsitescron.config.ConfigTestSupport;
import org.allsitescron.config.CronConfig;
import org.allsitescron.support.TcpProxy;
import org.allsitescron.support.WordpressDatabase;
import org.allsitescron.support.WordpressDatabase.Blog;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The database source reads the options of several batches ahead, yet hands a batch on only after a
 * round trip to the database that began once it was asked for: a batch read before the database was
 * lost is never handed on after, whether more blogs were left to read or all had been read.
 */
class WordpressDbReadAheadTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @ParameterizedTest
  @CsvSource({"3, 4", "8, 4", "8, 1", "8, 32"})
  void aBatchReadAheadIsNotHandedOnOnceTheDatabaseIsLost(int blogs, int parallelReads)
      throws Exception {
    String name =
        "asc_test_ahead_" + blogs + "_" + parallelReads + "_" + ProcessHandle.current().pid();
    Vertx vertx = Vertx.vertx();
    TcpProxy proxy = TcpProxy.start(WordpressDatabase.HOST, WordpressDatabase.PORT);
    try (WordpressDatabase db = new WordpressDatabase(name).create()) {
      for (long id = 1; id <= blogs; id++) {
        db.addBlog(Blog.eligible(id, "net.example", "/s" + id + "/"));
        // Each site at its own domain and path: none is moved (which would ask the database).
        db.setSiteUrl(id, "https://net.example/s" + id);
      }
      MySQLPool pool = db.pool(vertx, proxy.port(), 8);
      try {
        CronConfig config =
            ConfigTestSupport.mapping(
                Map.of(
                    "all-sites-cron.sites.source", "wordpress-db",
                    "all-sites-cron.sites.wordpress-db.parallel-reads", "" + parallelReads,
                    "all-sites-cron.batch-size", "1"));
        AssertSubscriber<Site> taken =
            new WordpressDbSiteSource(pool, config)
                .sites(100)
                .subscribe()
                .withSubscriber(AssertSubscriber.create(1));
        taken.awaitItems(1, WAIT);
        // The batches read ahead with the first have their options by now (a few milliseconds).
        Thread.sleep(1_000);

        proxy.close();
        taken.request(1);

        taken.awaitFailure(WAIT);
        assertThat(taken.getItems()).extracting(Site::id).containsExactly(1L);
      } finally {
        proxy.open();
        pool.closeAndAwait();
        db.drop();
      }
    } finally {
      proxy.shutdown();
      vertx.closeAndAwait();
    }
  }
}
