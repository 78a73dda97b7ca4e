package org.allsitescron.logging;

import java.util.Locale;

/**
 * Why a dependency (Redis, the network's database) cannot be used: a short {@link #label()} that
 * readiness and error bodies show, and an {@link #explanation()} an operator can act on, safe to
 * show to anyone (no host, user or password). Implemented by the {@code Reason} enums of the
 * packages that talk to a dependency.
 */
public interface Refusal {

  /** The constant's name: every {@code Reason} is an enum. */
  String name();

  /** Short code, such as {@code unreachable}: the constant's name in lower case. */
  default String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** What is wrong and what to do, without host names or credentials. */
  String explanation();
}
