package org.allsitescron.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.allsitescron.support.ServiceProcess;
import org.allsitescron.support.WordpressDatabase;
import org.allsitescron.support.WordpressDatabase.Blog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A network whose cron events live in Cavalcade's or Cron-Control's own table (under the configured
 * prefix), against the built service and a real MariaDB database of this test: {@code
 * cron-check.mode=due} stops start-up with one block naming the table and pointing to {@code
 * verify} and {@code off}; {@code verify} starts on it, and {@code due} starts when such a table is
 * only under another prefix.
 */
class CronStoredElsewhereIT {

  private static final String DATABASE = "asc_elsewhere_" + ProcessHandle.current().pid();
  private static final Duration EXIT = Duration.ofSeconds(60);

  private WordpressDatabase database;

  @BeforeEach
  void network() {
    database = new WordpressDatabase(DATABASE).create();
    database.addBlog(Blog.eligible(1, "127.0.0.1:9", "/"));
    database.setSiteUrl(1, "http://127.0.0.1:9/");
  }

  @AfterEach
  void drop() throws Exception {
    database.drop();
    database.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"wp_cavalcade_jobs", "wp_a8c_cron_control_jobs"})
  void dueModeRefusesToStartWhereAJobsTableExists(String table) throws Exception {
    createJobsTable(table);

    try (ServiceProcess service = service("due").launch()) {
      int exit = service.awaitExit(EXIT);

      String output = service.output();
      assertThat(exit).isNotZero();
      assertThat(output)
          .contains("all-sites-cron.cron-check.mode=due cannot work on this network")
          .contains(table)
          .contains("cron-check.mode=off")
          .contains("verify")
          .doesNotContain("Listening on");
      // One block for the operator, not a stack trace.
      assertThat(output).doesNotContain("\tat ").doesNotContain("Caused by");
    }
  }

  @Test
  void verifyModeStartsWhereAJobsTableExists() throws Exception {
    createJobsTable("wp_cavalcade_jobs");

    try (ServiceProcess service = service("verify").start()) {
      assertThat(service.output())
          .contains("all-sites-cron.cron-check.mode = verify")
          .doesNotContain("cannot work on this network");
    }
  }

  @Test
  void dueModeStartsWhenTheJobsTableIsUnderAnotherPrefix() throws Exception {
    createJobsTable("wpother_cavalcade_jobs");

    try (ServiceProcess service = service("due").start()) {
      assertThat(service.output())
          .contains("all-sites-cron.cron-check.mode = due")
          .doesNotContain("cannot work on this network");
    }
  }

  private ServiceProcess.Builder service(String mode) {
    return ServiceProcess.named("cron-elsewhere-" + mode)
        .with("all-sites-cron.sites.source", "wordpress-db")
        .with("quarkus.datasource.reactive.url", database.reactiveUrl())
        .with("quarkus.datasource.username", WordpressDatabase.USER)
        .with("quarkus.datasource.password", WordpressDatabase.PASSWORD)
        .with("all-sites-cron.cron-check.mode", mode);
  }

  /** The jobs table, with the first columns Cavalcade and Cron-Control give theirs. */
  private void createJobsTable(String table) {
    database.execute(
        "CREATE TABLE `"
            + table
            + "` (id bigint(20) unsigned NOT NULL auto_increment, site bigint(20) unsigned NOT"
            + " NULL, hook varchar(255) NOT NULL, args longtext NOT NULL, nextrun datetime NOT"
            + " NULL, status varchar(255) NOT NULL DEFAULT 'waiting', PRIMARY KEY (id))");
  }
}
