package org.allsitescron.ops;

import io.quarkus.logging.LoggingFilter;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import org.jboss.logmanager.ExtLogRecord;

/**
 * Drops two records of the libraries that read like faults but are none, so an operator's log shows
 * only what matters (docs/operations.md, "Logs"):
 *
 * <ul>
 *   <li>Micrometer's start-up {@code This Gauge has been already registered (redis.pool.…)} (also
 *       {@code mysql.queue.size}): the clients' pools report their gauges twice, the second
 *       registration is ignored, the gauge works;
 *   <li>Vert.x's {@code Uncaught exception … IllegalStateException: Result is already complete}
 *       from {@code SqlConnectionPool}'s acquire timer, with a stack trace, after every query that
 *       failed to get a connection (the database unreachable): the query has already failed and
 *       been answered; the timer fails it a second time.
 * </ul>
 *
 * Every other record passes.
 */
@LoggingFilter(name = "known-noise")
public final class KnownNoiseFilter implements Filter {

  @Override
  public boolean isLoggable(LogRecord record) {
    return !(isDuplicateGauge(record) || isSqlPoolTimerRace(record));
  }

  private static boolean isDuplicateGauge(LogRecord record) {
    if (!"io.micrometer.core.instrument.MeterRegistry".equals(record.getLoggerName())) {
      return false;
    }
    String message = message(record);
    return message != null && message.startsWith("This Gauge has been already registered");
  }

  private static boolean isSqlPoolTimerRace(LogRecord record) {
    Throwable thrown = record.getThrown();
    if (!(thrown instanceof IllegalStateException)
        || !"Result is already complete".equals(thrown.getMessage())) {
      return false;
    }
    for (StackTraceElement frame : thrown.getStackTrace()) {
      if (frame.getClassName().startsWith("io.vertx.sqlclient.impl.pool.SqlConnectionPool")) {
        return true;
      }
    }
    return false;
  }

  private static String message(LogRecord record) {
    return record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
  }
}
