package org.allsitescron.coordination;

import java.util.Locale;
import org.allsitescron.logging.DependencyUnavailableException;
import org.allsitescron.logging.Refusal;

/**
 * The shared coordination store (Redis) cannot be reached or refuses to work; nothing was decided
 * or changed. {@link #reason()} says why in words an operator can act on and that are safe to show
 * to anyone (no host, user or password); {@link #getMessage()} keeps the client's own text for the
 * log.
 */
public class CoordinationUnavailableException extends DependencyUnavailableException {

  /** Why Redis cannot be used; the label is what readiness and error bodies show. */
  public enum Reason implements Refusal {
    /** No connection: refused, reset, timed out, closed. */
    UNREACHABLE,
    /** {@code NOAUTH}, {@code WRONGPASS}, {@code NOPERM}: the credentials are missing or wrong. */
    NOAUTH,
    /** {@code OOM}: {@code maxmemory} reached under the required {@code noeviction}. */
    OOM,
    /** {@code READONLY}: the service is pointed at a replica. */
    READONLY,
    /** {@code WRONGTYPE}: a key under the prefix holds another type (another program's key). */
    WRONGTYPE,
    /**
     * {@code LOADING}, {@code BUSY}, {@code MISCONF}, {@code MASTERDOWN}, …: Redis says not now.
     */
    REFUSING;

    @Override
    public String explanation() {
      return switch (this) {
        case UNREACHABLE -> "Redis cannot be reached";
        case NOAUTH ->
            "Redis refuses the service's credentials (NOAUTH/WRONGPASS): set the password in"
                + " quarkus.redis.hosts or quarkus.redis.password";
        case OOM ->
            "Redis is full (OOM: maxmemory reached under noeviction) and refuses writes: raise"
                + " maxmemory or free memory";
        case READONLY ->
            "Redis is a read-only replica (READONLY): point quarkus.redis.hosts at the primary";
        case WRONGTYPE ->
            "a key under the service's prefix holds the wrong type (WRONGTYPE): another program"
                + " writes there; give the service its own database or redis.key-prefix";
        case REFUSING -> "Redis refuses commands for now (LOADING, BUSY, MISCONF or MASTERDOWN)";
      };
    }
  }

  public CoordinationUnavailableException(Reason reason, String message, Throwable cause) {
    super(reason, message, cause);
  }

  public CoordinationUnavailableException(String message, Throwable cause) {
    this(Reason.UNREACHABLE, message, cause);
  }

  public Reason reason() {
    return (Reason) refusal();
  }

  /**
   * The reason an error reply of Redis stands for, or null when it is none of the outage kinds (a
   * bug of ours, such as a script error). Inside a script Redis 7 keeps the code first; older ones
   * wrap it in {@code ERR Error running script … : CODE …}.
   */
  public static Reason ofErrorReply(String reply) {
    if (reply == null) {
      return null;
    }
    String text = reply.toUpperCase(Locale.ROOT);
    for (String[] code : CODES) {
      if (text.startsWith(code[0] + " ") || text.contains(": " + code[0] + " ")) {
        return Reason.valueOf(code[1]);
      }
    }
    return null;
  }

  private static final String[][] CODES = {
    {"NOAUTH", "NOAUTH"},
    {"WRONGPASS", "NOAUTH"},
    {"NOPERM", "NOAUTH"},
    {"OOM", "OOM"},
    {"READONLY", "READONLY"},
    {"WRONGTYPE", "WRONGTYPE"},
    {"LOADING", "REFUSING"},
    {"BUSY", "REFUSING"},
    {"MISCONF", "REFUSING"},
    {"MASTERDOWN", "REFUSING"},
    {"TRYAGAIN", "REFUSING"},
  };
}
