package org.allsitescron.sites;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * One site's cron state as its database showed it at {@code dbNow} (the database's {@code
 * UNIX_TIMESTAMP()}): the events due then, each as {@code "<timestamp> <hook> <args key>"} (at most
 * {@link #KEPT_EVENTS} kept, {@code dueCount} counts all), the oldest due timestamp, and whether
 * WordPress's {@code doing_cron} lock was held. {@code readable} is false when the state could not
 * be read or parsed; {@code problem} then says why.
 */
public record CronState(
    boolean readable,
    long dbNow,
    Set<String> dueEvents,
    int dueCount,
    long oldestDue,
    boolean locked,
    String problem) {

  /**
   * WordPress's {@code WP_CRON_LOCK_TIMEOUT}: a {@code doing_cron} lock older than this is stale.
   */
  public static final long WP_CRON_LOCK_TIMEOUT_SECONDS = 60;

  /** Due events kept per site to recognise them after the request; the count covers the rest. */
  public static final int KEPT_EVENTS = 256;

  /** A state that could not be read, and why. */
  public static CronState unknown(String problem) {
    return new CronState(false, 0, Set.of(), 0, 0, false, problem);
  }

  /**
   * Reads the {@code cron} option ({@code null} when the row is missing: WordPress then has no
   * events) and the {@code _transient_doing_cron} value ({@code null} when missing) as of {@code
   * dbNow}. A lock older than {@code lockTimeoutSeconds} is stale, as in {@code wp-cron.php}.
   */
  public static CronState of(
      String cronOption, String doingCron, long dbNow, long lockTimeoutSeconds) {
    Object value;
    try {
      value = cronOption == null ? Map.of() : PhpSerialized.read(cronOption);
    } catch (PhpSerialized.Malformed e) {
      return unknown("cron option: " + e.getMessage());
    }
    if (!(value instanceof Map<?, ?> cron)) {
      return unknown("cron option is not an array");
    }
    Set<String> due = new LinkedHashSet<>();
    int dueCount = 0;
    long oldest = Long.MAX_VALUE;
    for (Map.Entry<?, ?> slot : cron.entrySet()) {
      if ("version".equals(slot.getKey())) {
        continue;
      }
      if (!(slot.getKey() instanceof Long timestamp)
          || !(slot.getValue() instanceof Map<?, ?> hooks)) {
        return unknown("cron option has an entry that is not timestamp => hooks");
      }
      for (Map.Entry<?, ?> hook : hooks.entrySet()) {
        if (!(hook.getValue() instanceof Map<?, ?> events)) {
          return unknown("cron option has a hook that is not an array of events");
        }
        if (timestamp > dbNow) {
          continue;
        }
        for (Object key : events.keySet()) {
          dueCount++;
          oldest = Math.min(oldest, timestamp);
          if (due.size() < KEPT_EVENTS) {
            due.add(timestamp + " " + hook.getKey() + " " + key);
          }
        }
      }
    }
    return new CronState(
        true,
        dbNow,
        Collections.unmodifiableSet(due),
        dueCount,
        dueCount == 0 ? 0 : oldest,
        isHeld(doingCron, dbNow, lockTimeoutSeconds),
        null);
  }

  /** {@code wp-cron.php}: held when {@code doing_cron + WP_CRON_LOCK_TIMEOUT > now}. */
  private static boolean isHeld(String doingCron, long dbNow, long lockTimeoutSeconds) {
    if (doingCron == null || doingCron.isBlank()) {
      return false;
    }
    try {
      double since = Double.parseDouble(doingCron.trim());
      return since + lockTimeoutSeconds > dbNow;
    } catch (NumberFormatException e) {
      // WordPress itself would not take such a value for a lock.
      return false;
    }
  }

  /** Whether at least one event was due. */
  public boolean isDue() {
    return readable && dueCount > 0;
  }

  /** Whether someone held WordPress's lock when it was read. */
  public boolean isBusy() {
    return readable && locked;
  }

  /** Age of the oldest due event, in seconds (0 when none was due); null when unreadable. */
  public Long oldestOverdueSeconds() {
    return readable ? (dueCount == 0 ? 0 : Math.max(0, dbNow - oldestDue)) : null;
  }

  /** How many of the events due in {@code before} this later state still has due. */
  public int stillDueOf(CronState before) {
    int left = 0;
    for (String event : before.dueEvents) {
      if (dueEvents.contains(event)) {
        left++;
      }
    }
    return left;
  }
}
