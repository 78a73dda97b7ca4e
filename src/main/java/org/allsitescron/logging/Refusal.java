package org.allsitescron.logging;

/**
 * Why a dependency (Redis, the network's database) cannot be used: a short {@link #label()} that
 * readiness and error bodies show, and an {@link #explanation()} an operator can act on, safe to
 * show to anyone (no host, user or password). Implemented by the {@code Reason} enums of the
 * packages that talk to a dependency; they keep their words in a {@link Text}.
 */
public interface Refusal {

  /** The label and explanation of one reason. */
  record Text(String label, String explanation) {}

  /** The words of this reason. */
  Text text();

  /** Short code, such as {@code unreachable}. */
  default String label() {
    return text().label();
  }

  /** What is wrong and what to do, without host names or credentials. */
  default String explanation() {
    return text().explanation();
  }
}
