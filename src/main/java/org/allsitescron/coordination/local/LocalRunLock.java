package org.allsitescron.coordination.local;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.util.Optional;
import org.allsitescron.config.CronConfig;
import org.allsitescron.coordination.Lease;
import org.allsitescron.coordination.LockState;
import org.allsitescron.coordination.RunLock;

/** The run lock of a single instance: same owner, fence and expiry rules as the Redis one. */
@ApplicationScoped
@Typed(LocalRunLock.class)
public class LocalRunLock implements RunLock {

  private final long ttlMillis;
  private String owner;
  private long expiresAtMillis;
  private long fence;

  LocalRunLock(CronConfig config) {
    this.ttlMillis = config.lockTimeout().toMillis();
  }

  @Override
  public Uni<Optional<Lease>> tryAcquire(String owner) {
    return Uni.createFrom().item(() -> Optional.ofNullable(acquireNow(owner)));
  }

  @Override
  public Uni<Boolean> renew(Lease lease) {
    return Uni.createFrom().item(() -> renewNow(lease));
  }

  @Override
  public Uni<Void> release(Lease lease) {
    return Uni.createFrom().item(() -> releaseNow(lease)).replaceWithVoid();
  }

  @Override
  public Uni<LockState> inspect() {
    return Uni.createFrom().item(this::stateNow);
  }

  /** Takes the lock for {@code owner} when free; null when held. */
  synchronized Lease acquireNow(String newOwner) {
    if (isHeld()) {
      return null;
    }
    long now = System.nanoTime();
    owner = newOwner;
    expiresAtMillis = System.currentTimeMillis() + ttlMillis;
    return new Lease(newOwner, ++fence, now);
  }

  synchronized boolean isHeld() {
    return owner != null && System.currentTimeMillis() < expiresAtMillis;
  }

  private synchronized boolean renewNow(Lease lease) {
    if (!isHeld() || !owner.equals(lease.owner())) {
      return false;
    }
    expiresAtMillis = System.currentTimeMillis() + ttlMillis;
    return true;
  }

  private synchronized boolean releaseNow(Lease lease) {
    if (owner == null || !owner.equals(lease.owner())) {
      return false;
    }
    owner = null;
    return true;
  }

  private synchronized LockState stateNow() {
    return isHeld()
        ? new LockState(true, owner, expiresAtMillis - System.currentTimeMillis())
        : LockState.free();
  }
}
