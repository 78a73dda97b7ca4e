package org.allsitescron.run;

import org.allsitescron.coordination.CoordinationUnavailableException;

/**
 * A run ended but Redis would not store its report: the caller still learns what the run did
 * ({@link #report()}, {@code aborted} with the reason), and the report is stored as soon as Redis
 * takes writes again.
 */
public class UnrecordedRunException extends CoordinationUnavailableException {

  private final transient RunReport report;

  UnrecordedRunException(RunReport report, CoordinationUnavailableException cause) {
    super(cause.reason(), cause.getMessage(), cause);
    this.report = report;
  }

  /** The run's final report, as it will be stored. */
  public RunReport report() {
    return report;
  }
}
