package org.allsitescron.coordination.redis;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.util.List;
import java.util.Optional;
import org.allsitescron.config.CronConfig;
import org.allsitescron.coordination.Lease;
import org.allsitescron.coordination.LockState;
import org.allsitescron.coordination.RedisKeys;
import org.allsitescron.coordination.RunLock;

/**
 * The run lock in Redis: {@code SET NX PX} with the owner's token and a fencing number, renewed by
 * compare-and-pexpire, released by compare-and-delete; never someone else's.
 */
@ApplicationScoped
@Typed(RedisRunLock.class)
public class RedisRunLock implements RunLock {

  private final RedisCommands redis;
  private final RedisKeys keys;
  private final String ttlMillis;

  RedisRunLock(RedisCommands redis, RedisKeys keys, CronConfig config) {
    this.redis = redis;
    this.keys = keys;
    this.ttlMillis = String.valueOf(config.lockTimeout().toMillis());
  }

  @Override
  public Uni<Optional<Lease>> tryAcquire(String owner) {
    return Uni.createFrom()
        .item(System::nanoTime)
        .chain(
            sentAt ->
                redis
                    .eval(Script.LOCK_ACQUIRE, List.of(keys.lock(), keys.fence()), owner, ttlMillis)
                    .map(
                        fence ->
                            fence.toLong() > 0
                                ? Optional.of(new Lease(owner, fence.toLong(), sentAt))
                                : Optional.empty()));
  }

  @Override
  public Uni<Boolean> renew(Lease lease) {
    return redis
        .eval(Script.LOCK_RENEW, List.of(keys.lock()), lease.owner(), ttlMillis)
        .map(renewed -> renewed.toLong() == 1);
  }

  @Override
  public Uni<Void> release(Lease lease) {
    return redis.eval(Script.LOCK_RELEASE, List.of(keys.lock()), lease.owner()).replaceWithVoid();
  }

  /** {@code GET lock} and {@code PTTL lock}, read together. */
  @Override
  public Uni<LockState> inspect() {
    return Uni.combine()
        .all()
        .unis(redis.run("GET", keys.lock()), redis.run("PTTL", keys.lock()))
        .with(
            (owner, ttl) ->
                owner == null
                    ? LockState.free()
                    : new LockState(true, owner.toString(), ttl.toLong()));
  }
}
