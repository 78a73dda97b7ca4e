package org.allsitescron.ops;

import io.quarkus.logging.LoggingFilter;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import org.jboss.logmanager.ExtLogRecord;

/**
 * Drops Micrometer's start-up warning {@code This Gauge has been already registered
 * (redis.pool.…)}: the Redis client's pool reports its gauges twice, the second registration is
 * ignored and nothing is wrong, yet the line reads like a fault. Every other record passes.
 */
@LoggingFilter(name = "redis-pool-gauge")
public final class RedisPoolGaugeFilter implements Filter {

  @Override
  public boolean isLoggable(LogRecord record) {
    if (!"io.micrometer.core.instrument.MeterRegistry".equals(record.getLoggerName())) {
      return true;
    }
    String message =
        record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
    return message == null
        || !(message.contains("already registered") && message.contains("'redis.pool."));
  }
}
