package org.allsitescron.ops;

import io.quarkus.logging.Log;
import io.quarkus.runtime.QuarkusApplication;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.allsitescron.coordination.CoordinationMode;
import org.allsitescron.coordination.Upkeep;

/**
 * A command on the store the replicas share ({@code cleanup}, {@code dead-letters}): checks its
 * options, then works on the store's {@link Upkeep}; the embedded mode has none, so the command
 * says so and succeeds.
 */
abstract class UpkeepCommand implements QuarkusApplication {

  static final Duration TIMEOUT = Duration.ofMinutes(2);

  @Inject CoordinationMode mode;

  @Override
  public final int run(String... args) {
    List<String> options = Arrays.asList(args).subList(Math.min(1, args.length), args.length);
    if (!usable(options)) {
      return 2;
    }
    Optional<Upkeep> upkeep = mode.upkeep();
    if (upkeep.isEmpty()) {
      Log.info("Embedded mode: " + inEmbeddedMode());
      return 0;
    }
    return run(upkeep.get(), options);
  }

  /** Whether the options (the arguments after the command's name) can be run; logs why not. */
  abstract boolean usable(List<String> options);

  /** Why the command has nothing to do in the embedded mode. */
  abstract String inEmbeddedMode();

  /** Runs the command on the shared store; the process's exit code. */
  abstract int run(Upkeep upkeep, List<String> options);
}
