package org.allsitescron.coordination;

/** How many jobs wait in the queue and how many lie in the dead-letter list. */
public record QueueDepth(long length, long dead) {}
