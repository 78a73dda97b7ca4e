package org.allsitescron.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.logging.Log;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.allsitescron.coordination.Job;
import org.allsitescron.coordination.Upkeep;

/**
 * {@code dead-letters list [--limit N] | replay (--all | N...) | purge}: shows the jobs the queue
 * gave up on, puts them back into the queue (retries from 0), or drops them all.
 */
public class DeadLettersCommand extends UpkeepCommand {

  static final String NAME = "dead-letters";
  static final int DEFAULT_LIMIT = 50;
  private static final int SHOWN_JOB_CHARS = 300;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String USAGE =
      "Usage: dead-letters list [--limit N] | dead-letters replay (--all | N...)"
          + " | dead-letters purge";

  @Override
  boolean usable(List<String> options) {
    if (options.isEmpty()) {
      Log.error(USAGE);
      return false;
    }
    return true;
  }

  @Override
  String inEmbeddedMode() {
    return "the dead-letter list lives in the service's memory, nothing to do";
  }

  @Override
  int run(Upkeep upkeep, List<String> rest) {
    List<String> options = rest.subList(1, rest.size());
    try {
      return switch (rest.get(0)) {
        case "list" -> list(upkeep, options);
        case "replay" -> replay(upkeep, options);
        case "purge" -> options.isEmpty() ? purge(upkeep) : usage("purge takes no option");
        default -> usage("unknown action " + rest.get(0));
      };
    } catch (NumberFormatException e) {
      return usage("not a number: " + e.getMessage());
    }
  }

  private int list(Upkeep upkeep, List<String> options) {
    int limit = DEFAULT_LIMIT;
    if (options.size() == 2 && "--limit".equals(options.get(0))) {
      limit = Integer.parseInt(options.get(1));
    } else if (!options.isEmpty()) {
      return usage("list takes only --limit N");
    }
    if (limit < 1) {
      return usage("--limit must be at least 1");
    }
    Upkeep.DeadLetters listing = upkeep.deadLetters(limit).await().atMost(TIMEOUT);
    for (int i = 0; i < listing.entries().size(); i++) {
      Entry entry = Entry.parse(listing.entries().get(i));
      Log.infof(
          "#%d buried %s, reason: %s; job%s: %s",
          i + 1,
          entry.buriedAt(),
          entry.reason(),
          entry.truncated() ? " (truncated, " + entry.jobLength() + " bytes)" : "",
          shown(entry.job()));
    }
    Log.infof(
        "%d dead letter(s)%s",
        listing.total(),
        listing.total() > listing.entries().size()
            ? ", the oldest " + listing.entries().size() + " shown (--limit)"
            : "");
    return 0;
  }

  private int replay(Upkeep upkeep, List<String> options) {
    if (options.isEmpty()) {
      return usage("replay needs --all or the numbers that list shows");
    }
    boolean all = options.equals(List.of("--all"));
    List<Integer> wanted = new ArrayList<>();
    if (!all) {
      for (String option : options) {
        int number = Integer.parseInt(option);
        if (number < 1) {
          return usage("entry numbers start at 1");
        }
        wanted.add(number);
      }
    }
    int limit = all ? Integer.MAX_VALUE - 1 : wanted.stream().max(Integer::compare).orElse(1);
    List<String> entries = upkeep.deadLetters(limit).await().atMost(TIMEOUT).entries();
    if (all) {
      wanted.clear();
      for (int i = 1; i <= entries.size(); i++) {
        wanted.add(i);
      }
    }
    int replayed = 0;
    int refused = 0;
    for (int number : wanted) {
      if (number > entries.size()) {
        Log.errorf("#%d: no such entry (%d dead letter(s))", number, entries.size());
        refused++;
        continue;
      }
      String stored = entries.get(number - 1);
      Entry entry = Entry.parse(stored);
      String problem = entry.replayProblem();
      if (problem != null) {
        Log.errorf("#%d not replayed: %s", number, problem);
        refused++;
      } else if (upkeep.replay(stored, entry.freshJob()).await().atMost(TIMEOUT)) {
        Log.infof(
            "#%d queued again (buried %s, reason: %s)", number, entry.buriedAt(), entry.reason());
        replayed++;
      } else {
        Log.warnf("#%d was no longer in the list (replayed or purged meanwhile)", number);
        refused++;
      }
    }
    Log.infof("Replay done: %d job(s) queued again, %d not", replayed, refused);
    return refused == 0 ? 0 : 1;
  }

  private int purge(Upkeep upkeep) {
    long removed = upkeep.purgeDeadLetters().await().atMost(TIMEOUT);
    Log.infof("Purge done: %d dead letter(s) removed", removed);
    return 0;
  }

  private static int usage(String problem) {
    Log.errorf("%s (%s)", USAGE, problem);
    return 2;
  }

  private static String shown(String job) {
    String oneLine = job.replaceAll("[\\r\\n]+", " ");
    return oneLine.length() <= SHOWN_JOB_CHARS
        ? oneLine
        : oneLine.substring(0, SHOWN_JOB_CHARS) + "… (" + oneLine.length() + " characters)";
  }

  /**
   * One stored entry, as the queue's {@code bury} writes it (or anything else, kept as the job).
   */
  record Entry(String job, String reason, String buriedAt, boolean truncated, long jobLength) {

    static Entry parse(String stored) {
      JsonNode node;
      try {
        node = JSON.readTree(stored);
      } catch (JsonProcessingException e) {
        node = null;
      }
      if (node == null || !node.isObject() || !node.path("job").isTextual()) {
        return new Entry(
            stored,
            "unknown (not an entry the service wrote)",
            "at an unknown time",
            false,
            stored.getBytes(StandardCharsets.UTF_8).length);
      }
      long buried = node.path("buried_at").asLong(0);
      return new Entry(
          node.get("job").asText(),
          node.path("reason").asText("unknown"),
          buried > 0 ? Instant.ofEpochSecond(buried).toString() : "at an unknown time",
          node.path("truncated").asBoolean(false),
          node.path("job_length")
              .asLong(node.get("job").asText().getBytes(StandardCharsets.UTF_8).length));
    }

    /** Why this entry cannot be queued again, or null. */
    String replayProblem() {
      if (truncated) {
        return "its job was truncated when it was buried (" + jobLength + " bytes)";
      }
      Job parsed = Job.parse(job);
      return parsed.isMalformed() ? "its job is malformed (" + parsed.malformed() + ")" : null;
    }

    /** The job as a new one: retries from 0, due at once. */
    String freshJob() {
      try {
        ObjectNode node = (ObjectNode) JSON.readTree(job);
        node.put("retries", 0);
        node.remove("retry_at");
        return node.toString();
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("checked by replayProblem", e);
      }
    }
  }
}
