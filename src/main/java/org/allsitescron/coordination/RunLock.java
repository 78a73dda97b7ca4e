package org.allsitescron.coordination;

import io.smallrye.mutiny.Uni;
import java.util.Optional;

/** The one lock that keeps two runs from overlapping, across every replica. */
public interface RunLock {

  /** Takes the lock for {@code owner} when it is free; empty when someone holds it. */
  Uni<Optional<Lease>> tryAcquire(String owner);

  /** Extends the lock's time to live when {@code lease} still owns it; false when it was lost. */
  Uni<Boolean> renew(Lease lease);

  /** Gives the lock up when {@code lease} still owns it; never touches someone else's lock. */
  Uni<Void> release(Lease lease);

  /** The lock as it is now. */
  Uni<LockState> inspect();
}
