package org.allsitescron.sites;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.mysqlclient.MySQLPool;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.allsitescron.config.ConfigTestSupport;
import org.allsitescron.config.CronConfig;
import org.allsitescron.support.WordpressDatabase;
import org.allsitescron.support.WordpressDatabase.Blog;
import org.junit.jupiter.api.Test;

/** A site listed twice is marked a duplicate (requested once per run), in both sources. */
class SiteDuplicatesTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void theStaticListMarksEveryLaterEntryWithTheSameNormalizedUrl() {
    CronConfig config =
        ConfigTestSupport.mapping(
            Map.of(
                "all-sites-cron.sites.static[0]", "https://a.org/x",
                "all-sites-cron.sites.static[1]", "https://A.org/x/",
                "all-sites-cron.sites.static[2]", "HTTPS://a.org:443/x//",
                "all-sites-cron.sites.static[3]", "http://a.org/x",
                "all-sites-cron.sites.static[4]", "https://a.org:8443/x",
                "all-sites-cron.sites.static[5]", "https://user:pw@a.org/x",
                "all-sites-cron.sites.static[6]", "https://a.org/y"));

    List<Site> sites =
        new StaticSiteSource(config).sites(100).collect().asList().await().atMost(WAIT);

    assertThat(sites)
        .extracting(Site::duplicate)
        .containsExactly(false, true, true, false, false, true, false);
    assertThat(sites.get(5).displayUrl()).isEqualTo("https://user:***@a.org/x");
    assertThat(sites.get(5).toString()).doesNotContain("pw");
  }

  @Test
  void theDatabaseSourceMarksBlogsSharingASiteUrlWhicheverComesFirst() throws Exception {
    String name = "asc_test_dupes_" + ProcessHandle.current().pid();
    Vertx vertx = Vertx.vertx();
    try (WordpressDatabase db = new WordpressDatabase(name).create()) {
      db.addBlog(Blog.eligible(1, "net.example", "/"));
      db.setSiteUrl(1, "https://net.example");
      // 2 is unmoved; 3 is moved onto 2's URL (written differently): 3 is the duplicate.
      db.addBlog(Blog.eligible(2, "net.example", "/two/"));
      db.setSiteUrl(2, "https://net.example/two");
      db.addBlog(Blog.eligible(3, "net.example", "/three/"));
      db.setSiteUrl(3, "https://NET.example:443/two/");
      // 4 is moved onto 5's own URL before 5 comes: 5 is the duplicate.
      db.addBlog(Blog.eligible(4, "net.example", "/four/"));
      db.setSiteUrl(4, "https://net.example/five");
      db.addBlog(Blog.eligible(5, "net.example", "/five/"));
      db.setSiteUrl(5, "https://net.example/five/");
      // 6 and 7 both moved to the same mapped domain: 7 is the duplicate.
      db.addBlog(Blog.eligible(6, "net.example", "/six/"));
      db.setSiteUrl(6, "https://mapped.example");
      db.addBlog(Blog.eligible(7, "net.example", "/seven/"));
      db.setSiteUrl(7, "https://mapped.example/");
      // 8 names 2's host and path over http: another URL, not a duplicate.
      db.addBlog(Blog.eligible(8, "net.example", "/eight/"));
      db.setSiteUrl(8, "http://net.example/two");
      // 9 is moved onto 10's own domain and path but 10 is not eligible: no duplicate.
      db.addBlog(Blog.eligible(9, "net.example", "/nine/"));
      db.setSiteUrl(9, "https://net.example/ten");
      db.addBlog(new Blog(10, 1, "net.example", "/ten/", false, false, false, false));
      db.setSiteUrl(10, "https://net.example/ten");

      MySQLPool pool = db.pool(vertx, WordpressDatabase.PORT, 2);
      try {
        // Batches of 3: duplicates are found across batches and within one.
        CronConfig config =
            ConfigTestSupport.mapping(
                Map.of(
                    "all-sites-cron.sites.source", "wordpress-db",
                    "all-sites-cron.batch-size", "3"));
        List<Site> sites =
            new WordpressDbSiteSource(pool, config)
                .sites(100)
                .collect()
                .asList()
                .await()
                .atMost(WAIT);

        assertThat(sites).extracting(Site::id).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(sites.stream().filter(Site::duplicate).map(Site::id))
            .containsExactly(3L, 5L, 7L);
      } finally {
        pool.closeAndAwait();
        db.drop();
      }
    } finally {
      vertx.closeAndAwait();
    }
  }
}
