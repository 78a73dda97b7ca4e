package org.allsitescron.run;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a run is in its life. */
public enum RunState {
  RUNNING,
  FINISHED,
  /** Stopped before every site was requested: lock lost, shutdown, or the site source failed. */
  ABORTED;

  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
