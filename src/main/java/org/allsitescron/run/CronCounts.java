package org.allsitescron.run;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A run's cron check: its mode and how many sites ended with each cron outcome; {@code lock_seen}
 * counts watched sites whose WordPress {@code doing_cron} lock showed in the database (0 while
 * sites ran means the lock lives elsewhere, e.g. a persistent object cache, or the work was quicker
 * than a poll); {@code oldest_overdue_seconds} is the age of the oldest due event seen.
 */
@RegisterForReflection
public record CronCounts(
    String mode,
    long ran,
    @JsonProperty("still_due") long stillDue,
    @JsonProperty("not_due") long notDue,
    long busy,
    long unknown,
    @JsonProperty("lock_seen") long lockSeen,
    @JsonProperty("oldest_overdue_seconds") long oldestOverdueSeconds) {}
