package org.allsitescron.logging;

/**
 * A dependency cannot be reached or refuses to work; nothing was decided or changed. The {@link
 * Refusal} says why in words safe to show to anyone; {@link #getMessage()} keeps the client's own
 * text for the log.
 */
public abstract class DependencyUnavailableException extends RuntimeException {

  private final Refusal refusal;

  protected DependencyUnavailableException(Refusal refusal, String message, Throwable cause) {
    super(message, cause);
    this.refusal = refusal;
  }

  /** Why the dependency cannot be used. */
  public Refusal refusal() {
    return refusal;
  }
}
