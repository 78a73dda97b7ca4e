package org.allsitescron.logging;

import io.quarkus.logging.Log;
import java.time.Duration;

/**
 * Keeps the log quiet while a dependency (Redis, the site database) is down: one WARN when it goes
 * bad, a one-line reminder every {@link #REMIND_EVERY} while it stays bad with the number of errors
 * not logged, one INFO when it is back. Never a stack trace: the details fit one line. "Back" means
 * a success after {@link #QUIET_BEFORE_BACK} without a failure: a Redis that is full or read-only
 * still answers reads, and those must not make the log flap between bad and back.
 */
public final class OutageLog {

  /** Time between two reminders while the dependency stays bad. */
  public static final Duration REMIND_EVERY = Duration.ofSeconds(60);

  /** Time without a failure before a success counts as the dependency being back. */
  public static final Duration QUIET_BEFORE_BACK = Duration.ofSeconds(5);

  private final String dependency;
  private final long remindEveryNanos;
  private volatile boolean down;
  private String reason;
  private long since;
  private long lastLine;
  private volatile long lastFailure;
  private long suppressed;
  private long suppressedInAll;

  public OutageLog(String dependency) {
    this(dependency, REMIND_EVERY);
  }

  OutageLog(String dependency, Duration remindEvery) {
    this.dependency = dependency;
    this.remindEveryNanos = remindEvery.toNanos();
  }

  /** The dependency failed: {@code reason} is the short, safe code, {@code detail} the client's. */
  public synchronized void failed(String reason, String detail) {
    long now = System.nanoTime();
    lastFailure = now;
    if (!down) {
      down = true;
      since = now;
      lastLine = now;
      suppressed = 0;
      suppressedInAll = 0;
      this.reason = reason;
      Log.warnf(
          "%s unavailable (%s): %s. Further errors are counted, not logged; a reminder follows"
              + " every %d s while it lasts",
          dependency, reason, oneLine(detail), REMIND_EVERY.toSeconds());
      return;
    }
    if (!reason.equals(this.reason)) {
      this.reason = reason;
      lastLine = now;
      Log.warnf("%s still unavailable, now (%s): %s", dependency, reason, oneLine(detail));
      return;
    }
    suppressed++;
    suppressedInAll++;
    if (now - lastLine >= remindEveryNanos) {
      Log.warnf(
          "%s still unavailable after %d s (%s): %s; %d errors not logged since the last line",
          dependency,
          Duration.ofNanos(now - since).toSeconds(),
          reason,
          oneLine(detail),
          suppressed);
      lastLine = now;
      suppressed = 0;
    }
  }

  /** The dependency answered: logs its return once. */
  public void ok() {
    if (!down || System.nanoTime() - lastFailure < QUIET_BEFORE_BACK.toNanos()) {
      return; // the common case, without taking the monitor
    }
    synchronized (this) {
      if (!down || System.nanoTime() - lastFailure < QUIET_BEFORE_BACK.toNanos()) {
        return;
      }
      down = false;
      Log.infof(
          "%s available again after %d s (%d errors in all were not logged)",
          dependency, Duration.ofNanos(System.nanoTime() - since).toSeconds(), suppressedInAll);
    }
  }

  /** Whether the last thing heard was a failure. */
  public boolean isDown() {
    return down;
  }

  private static String oneLine(String text) {
    if (text == null) {
      return "";
    }
    String line = text.replaceAll("[\\r\\n]+", " ");
    return line.length() <= 300 ? line : line.substring(0, 300) + "…";
  }
}
