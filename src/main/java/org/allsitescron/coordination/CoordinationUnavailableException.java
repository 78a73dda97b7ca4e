package org.allsitescron.coordination;

/** The shared coordination store (Redis) cannot be reached; nothing was decided or changed. */
public class CoordinationUnavailableException extends RuntimeException {

  public CoordinationUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
