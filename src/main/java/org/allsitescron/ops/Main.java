package org.allsitescron.ops;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Entry point: the service, or with {@code cleanup} or {@code dead-letters} as first argument that
 * command (which opens no HTTP port and runs no worker).
 */
@QuarkusMain
public class Main {

  public static void main(String... args) {
    String command = args.length > 0 ? args[0] : "";
    switch (command) {
      case CleanupCommand.NAME -> runCommand(CleanupCommand.class, args);
      case DeadLettersCommand.NAME -> runCommand(DeadLettersCommand.class, args);
      default -> Quarkus.run(args);
    }
  }

  private static void runCommand(Class<? extends QuarkusApplication> command, String... args) {
    System.setProperty("quarkus.http.host-enabled", "false");
    System.setProperty("quarkus.scheduler.enabled", "false");
    System.setProperty("all-sites-cron.worker.enabled", "false");
    Quarkus.run(command, args);
  }
}
