package org.allsitescron.ops;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Entry point: the service, or with {@code cleanup} as first argument the uninstall command (which
 * opens no HTTP port and runs no worker).
 */
@QuarkusMain
public class Main {

  public static void main(String... args) {
    if (args.length > 0 && CleanupCommand.NAME.equals(args[0])) {
      System.setProperty("quarkus.http.host-enabled", "false");
      System.setProperty("quarkus.scheduler.enabled", "false");
      System.setProperty("all-sites-cron.worker.enabled", "false");
      Quarkus.run(CleanupCommand.class, args);
    } else {
      Quarkus.run(args);
    }
  }
}
