package org.allsitescron.ops;

import io.quarkus.logging.Log;
import jakarta.inject.Inject;
import java.util.List;
import org.allsitescron.coordination.LockState;
import org.allsitescron.coordination.RunLock;
import org.allsitescron.coordination.Upkeep;

/**
 * {@code cleanup [--force]} ("uninstall"): removes every key the service keeps in Redis and says
 * which. Refuses while a run holds the lock, unless {@code --force}.
 */
public class CleanupCommand extends UpkeepCommand {

  static final String NAME = "cleanup";

  @Inject RunLock lock;

  @Override
  boolean usable(List<String> options) {
    if (options.stream().allMatch("--force"::equals)) {
      return true;
    }
    Log.errorf("Usage: cleanup [--force]; unknown option in %s", options);
    return false;
  }

  @Override
  String inEmbeddedMode() {
    return "nothing is stored outside this process, nothing to clean up";
  }

  @Override
  int run(Upkeep upkeep, List<String> options) {
    LockState state = lock.inspect().await().atMost(TIMEOUT);
    if (state.held() && !options.contains("--force")) {
      Log.errorf(
          "A run holds the lock (owner %s, %d ms left): not cleaning up. Wait, or use --force",
          state.owner(), state.ttlMs());
      return 1;
    }
    List<String> removed = upkeep.removeAll().await().atMost(TIMEOUT);
    removed.forEach(key -> Log.infof("removed %s", key));
    Log.infof("Cleanup done: %d key(s) removed", removed.size());
    return 0;
  }
}
