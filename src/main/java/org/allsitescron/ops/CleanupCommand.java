package org.allsitescron.ops;

import io.quarkus.logging.Log;
import io.quarkus.runtime.QuarkusApplication;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.allsitescron.coordination.CoordinationMode;
import org.allsitescron.coordination.LockState;
import org.allsitescron.coordination.RunLock;
import org.allsitescron.coordination.redis.RedisCleanup;

/**
 * {@code cleanup [--force]} ("uninstall"): removes every key the service keeps in Redis and says
 * which. Refuses while a run holds the lock, unless {@code --force}.
 */
public class CleanupCommand implements QuarkusApplication {

  static final String NAME = "cleanup";
  private static final Duration TIMEOUT = Duration.ofMinutes(2);

  @Inject CoordinationMode mode;
  @Inject RunLock lock;
  @Inject Instance<RedisCleanup> cleanup;

  @Override
  public int run(String... args) {
    List<String> options = Arrays.asList(args).subList(1, args.length);
    if (!options.stream().allMatch("--force"::equals)) {
      Log.errorf("Usage: cleanup [--force]; unknown option in %s", options);
      return 2;
    }
    if (!mode.isRedis()) {
      Log.info("Embedded mode: nothing is stored outside this process, nothing to clean up");
      return 0;
    }
    LockState state = lock.inspect().await().atMost(TIMEOUT);
    if (state.held() && !options.contains("--force")) {
      Log.errorf(
          "A run holds the lock (owner %s, %d ms left): not cleaning up. Wait, or use --force",
          state.owner(), state.ttlMs());
      return 1;
    }
    List<String> removed = cleanup.get().removeAll().await().atMost(TIMEOUT);
    removed.forEach(key -> Log.infof("removed %s", key));
    Log.infof("Cleanup done: %d key(s) removed", removed.size());
    return 0;
  }
}
