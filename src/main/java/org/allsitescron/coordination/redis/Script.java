package org.allsitescron.coordination.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The Lua scripts under {@code src/main/resources/lua}, each run atomically by Redis. */
enum Script {
  ADMIT("admit"),
  LOCK_ACQUIRE("lock-acquire"),
  LOCK_RENEW("lock-renew"),
  LOCK_RELEASE("lock-release"),
  QUEUE_TAKE("queue-take"),
  QUEUE_MOVE("queue-move"),
  QUEUE_RECLAIM("queue-reclaim"),
  REPORT_SAVE("report-save"),
  SITE_HEALTH_SAVE("site-health-save"),
  CHECKPOINT_SAVE("checkpoint-save"),
  DEAD_REPLAY("dead-replay"),
  DEAD_PURGE("dead-purge");

  private final String source;

  Script(String name) {
    String path = "/lua/" + name + ".lua";
    try (InputStream in = Script.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing script " + path);
      }
      this.source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String source() {
    return source;
  }
}
