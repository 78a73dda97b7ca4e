package org.allsitescron.coordination;

/**
 * A held run lock: the owner token written into the lock, the fencing number handed out with it
 * (strictly increasing across acquisitions) that the run report records, and when (this process's
 * {@link System#nanoTime()}) the request that took it was sent: the lock cannot expire before that
 * moment plus {@code lock-timeout}.
 */
public record Lease(String owner, long fence, long requestedAtNanos) {}
