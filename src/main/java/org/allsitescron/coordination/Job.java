package org.allsitescron.coordination;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * A queued run as stored in the queue: the plugin's {@code {"timestamp","queued_at","retries"}}
 * plus our own {@code run_id}, {@code trigger} and {@code retry_at}. {@code raw} is the exact
 * stored text (list entries are removed by value); a job that could not be read keeps its text and
 * says why in {@code malformed}.
 */
public record Job(
    String raw,
    String runId,
    String trigger,
    long timestamp,
    long queuedAt,
    int retries,
    long retryAtMillis,
    String malformed) {

  /** Trigger of a job queued by {@code defer=1}. */
  public static final String DEFERRED = "rest-deferred";

  /** Trigger of a job pushed by anything else, such as the old plugin. */
  public static final String QUEUED = "queue";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A job for a {@code defer=1} trigger, queued at {@code nowMillis}. */
  public static Job deferred(String runId, long nowMillis) {
    long seconds = nowMillis / 1000;
    return new Job(null, runId, DEFERRED, seconds, seconds, 0, 0, null).withRaw();
  }

  /** Reads a stored entry; never throws: an unreadable one comes back {@link #isMalformed()}. */
  public static Job parse(String raw) {
    JsonNode node;
    try {
      node = JSON.readTree(raw);
    } catch (JsonProcessingException e) {
      return broken(raw, "not JSON");
    }
    if (node == null || !node.isObject()) {
      return broken(raw, "not a JSON object");
    }
    JsonNode timestamp = node.get("timestamp");
    if (timestamp == null || !timestamp.canConvertToLong() || timestamp.asLong() <= 0) {
      return broken(raw, "no numeric timestamp");
    }
    JsonNode retries = node.path("retries");
    if (!retries.isMissingNode() && !retries.canConvertToInt()) {
      return broken(raw, "retries is not a number");
    }
    String runId = node.path("run_id").asText("");
    String trigger = node.path("trigger").asText("");
    return new Job(
        raw,
        runId.isBlank() ? derivedRunId(raw) : runId,
        DEFERRED.equals(trigger) ? DEFERRED : QUEUED,
        timestamp.asLong(),
        node.path("queued_at").asLong(timestamp.asLong()),
        Math.max(0, retries.asInt(0)),
        node.path("retry_at").asLong(0),
        null);
  }

  /**
   * The run id of a job that carries none (the plugin's): {@code job-} and the first 32 hex digits
   * of the SHA-1 of its text, as {@code admit.lua} names it in {@code already_queued}.
   */
  static String derivedRunId(String raw) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-1").digest(raw.getBytes(StandardCharsets.UTF_8));
      return "job-" + HexFormat.of().formatHex(digest).substring(0, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is missing from this JVM", e);
    }
  }

  /**
   * How long a job that met a busy lock waits before its next attempt while the lock stays busy:
   * {@code max-retries} attempts span twice the lock timeout, so a lock left by a dead replica
   * expires first. (A lock released earlier makes the job due at once.)
   */
  public static Duration retrySpacing(Duration lockTimeout, int maxRetries) {
    return lockTimeout.multipliedBy(2).dividedBy(Math.max(1, maxRetries));
  }

  /**
   * The furthest ahead a retry time can lie: one spacing plus a minute for clocks that differ
   * between replicas. A job further ahead never came from the policy and is dead-lettered.
   */
  public static Duration latestRetry(Duration lockTimeout, int maxRetries) {
    return retrySpacing(lockTimeout, maxRetries).plusMinutes(1);
  }

  public boolean isMalformed() {
    return malformed != null;
  }

  /** This job after one more failed attempt, not to be taken before {@code retryAtMillis}. */
  public Job retried(long retryAtMillis) {
    return new Job(null, runId, trigger, timestamp, queuedAt, retries + 1, retryAtMillis, null)
        .withRaw();
  }

  /**
   * The dead-letter entry: the original text and the reason. A text longer than {@code maxJobBytes}
   * bytes (UTF-8) is cut at the last character boundary within them, as {@code queue-take.lua} cuts
   * one, and the entry says so ({@code truncated}, {@code job_length} in bytes): such a job cannot
   * be replayed.
   */
  public String buried(String reason, long nowMillis, int maxJobBytes) {
    ObjectNode entry = JSON.createObjectNode();
    byte[] bytes = raw.getBytes(StandardCharsets.UTF_8);
    boolean cut = bytes.length > maxJobBytes;
    entry.put("job", cut ? utf8Prefix(bytes, maxJobBytes) : raw);
    entry.put("reason", reason);
    entry.put("buried_at", nowMillis / 1000);
    if (cut) {
      entry.put("truncated", true);
      entry.put("job_length", bytes.length);
    }
    return entry.toString();
  }

  /** The longest whole-character prefix of {@code bytes} at most {@code limit} bytes long. */
  private static String utf8Prefix(byte[] bytes, int limit) {
    int end = limit;
    while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
      end--;
    }
    return new String(bytes, 0, end, StandardCharsets.UTF_8);
  }

  private Job withRaw() {
    ObjectNode node = JSON.createObjectNode();
    node.put("timestamp", timestamp);
    node.put("queued_at", queuedAt);
    node.put("retries", retries);
    node.put("run_id", runId);
    node.put("trigger", trigger);
    if (retryAtMillis > 0) {
      node.put("retry_at", retryAtMillis);
    }
    return new Job(
        node.toString(), runId, trigger, timestamp, queuedAt, retries, retryAtMillis, null);
  }

  private static Job broken(String raw, String reason) {
    return new Job(raw, null, null, 0, 0, 0, 0, reason);
  }
}
