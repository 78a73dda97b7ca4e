package org.allsitescron.run;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** What started a run. */
public enum Trigger {
  /** A synchronous {@code /run}. */
  REST("rest"),
  /** A job queued by {@code /run?defer=1}, run by the worker. */
  REST_DEFERRED("rest-deferred"),
  /** A job pushed by anything else (the old plugin), run by the worker. */
  QUEUE("queue"),
  /** A job run by {@code POST /process-queue}. */
  PROCESS_QUEUE("process-queue");

  private final String label;

  Trigger(String label) {
    this.label = label;
  }

  @JsonValue
  public String label() {
    return label;
  }

  @JsonCreator
  public static Trigger fromLabel(String label) {
    return Arrays.stream(values()).filter(t -> t.label.equals(label)).findFirst().orElse(QUEUE);
  }
}
