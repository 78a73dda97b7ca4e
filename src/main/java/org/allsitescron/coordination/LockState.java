package org.allsitescron.coordination;

/** What the run lock looks like from outside: held or not, by whom, for how much longer. */
public record LockState(boolean held, String owner, long ttlMs) {

  /** The lock as nobody holds it. */
  public static LockState free() {
    return new LockState(false, null, 0);
  }
}
