package org.allsitescron.coordination.redis;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.util.List;
import org.allsitescron.config.CronConfig;
import org.allsitescron.coordination.Admission;
import org.allsitescron.coordination.Decision;
import org.allsitescron.coordination.Lease;
import org.allsitescron.coordination.RedisKeys;
import org.allsitescron.coordination.Ticket;

/**
 * Admission across every replica in one Lua script ({@code admit.lua}): cooldown, lock, then queue
 * or lock. The cooldown's remaining time comes from Redis's own TTL, not from a JVM clock.
 */
@ApplicationScoped
@Typed(RedisAdmission.class)
public class RedisAdmission implements Admission {

  private final RedisCommands redis;
  private final RedisKeys keys;
  private final String lockTtlMillis;
  private final String cooldownMillis;

  RedisAdmission(RedisCommands redis, RedisKeys keys, CronConfig config) {
    this.redis = redis;
    this.keys = keys;
    this.lockTtlMillis = String.valueOf(config.lockTimeout().toMillis());
    this.cooldownMillis = String.valueOf(config.rateLimitSeconds() * 1000L);
  }

  @Override
  public Uni<Decision> admit(Ticket ticket) {
    return Uni.createFrom().item(System::nanoTime).chain(sentAt -> admit(ticket, sentAt));
  }

  private Uni<Decision> admit(Ticket ticket, long sentAtNanos) {
    return redis
        .eval(
            Script.ADMIT,
            List.of(keys.cooldown(), keys.lock(), keys.queue(), keys.fence()),
            ticket.isDeferred() ? "defer" : "sync",
            ticket.runId(),
            lockTtlMillis,
            cooldownMillis,
            ticket.isDeferred() ? ticket.job().raw() : "",
            String.valueOf(System.currentTimeMillis() / 1000))
        .map(reply -> decision(reply, ticket, sentAtNanos));
  }

  @Override
  public Uni<Long> cooldownRemaining() {
    return redis.run("PTTL", keys.cooldown()).map(ttl -> seconds(ttl.toLong()));
  }

  private static Decision decision(Response reply, Ticket ticket, long sentAtNanos) {
    String verdict = reply.get(0).toString();
    return switch (verdict) {
      case "rate_limited" ->
          new Decision.RateLimited(seconds(reply.get(1).toLong()), reply.get(2).toLong());
      case "locked" -> new Decision.Locked();
      case "already_queued" -> new Decision.AlreadyQueued(emptyToNull(reply.get(1).toString()));
      case "queued" -> new Decision.Queued(ticket.runId());
      case "accepted" ->
          new Decision.Accepted(new Lease(ticket.runId(), reply.get(1).toLong(), sentAtNanos));
      default -> throw new IllegalStateException("admit.lua answered " + verdict);
    };
  }

  /** Whole seconds left, rounded up, so a client that waits that long passes. */
  private static long seconds(long millis) {
    return millis <= 0 ? 0 : (millis + 999) / 1000;
  }

  private static String emptyToNull(String value) {
    return value.isEmpty() ? null : value;
  }
}
