package org.allsitescron.run;

import java.util.List;

/** A dry run: how many sites a run would request and the first of their URLs. */
public record Preview(long count, List<String> urls) {

  /** URLs a dry run lists at most. */
  public static final int LISTED = 1000;
}
