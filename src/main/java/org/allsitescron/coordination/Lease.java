package org.allsitescron.coordination;

/**
 * A held run lock: the owner token written into the lock, and the fencing number handed out with it
 * (strictly increasing across acquisitions) that the run report records.
 */
public record Lease(String owner, long fence) {}
