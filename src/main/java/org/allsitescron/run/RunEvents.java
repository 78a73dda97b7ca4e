package org.allsitescron.run;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.util.Locale;
import org.allsitescron.coordination.Decision;

/**
 * What runs and triggers tell whoever listens (metrics, logs), as small synchronous CDI events:
 * {@code run} and {@code api} fire them without knowing the listeners.
 */
@ApplicationScoped
public class RunEvents {

  /** One site's request of run {@code runId} is done. */
  public record SiteDone(String runId, SiteOutcome outcome) {}

  /** A run ended ({@code finished} or {@code aborted}); {@code report} is its final report. */
  public record RunEnded(RunReport report) {}

  /** The watchdog renewed the run lock ({@code held}) or the run stopped for it. */
  public record LockRenewed(boolean held, LockLoss loss) {

    static LockRenewed renewed() {
      return new LockRenewed(true, null);
    }

    static LockRenewed lost(LockLoss loss) {
      return new LockRenewed(false, loss);
    }
  }

  /** Why a run stopped for its lock; the label is the metric tag. */
  public enum LockLoss {
    /** Redis said the lock is gone or someone else's. */
    LOST,
    /** The lock could not be confirmed before it could have expired (Redis hanging or refusing). */
    UNCONFIRMED;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** What became of one {@code /run} trigger. */
  public record AdmissionDecided(Verdict verdict) {}

  /** Every way a {@code /run} trigger can end its admission; the label is the metric tag. */
  public enum Verdict {
    ACCEPTED,
    QUEUED,
    ALREADY_QUEUED,
    RATE_LIMITED,
    LOCKED,
    UNAUTHORIZED,
    FORBIDDEN,
    INVALID;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Verdict of(Decision decision) {
      return decision.fold(
          accepted -> ACCEPTED,
          queued -> QUEUED,
          alreadyQueued -> ALREADY_QUEUED,
          rateLimited -> RATE_LIMITED,
          locked -> LOCKED);
    }
  }

  private final Event<SiteDone> siteDone;
  private final Event<RunEnded> runEnded;
  private final Event<LockRenewed> lockRenewed;
  private final Event<AdmissionDecided> admissionDecided;

  RunEvents(
      Event<SiteDone> siteDone,
      Event<RunEnded> runEnded,
      Event<LockRenewed> lockRenewed,
      Event<AdmissionDecided> admissionDecided) {
    this.siteDone = siteDone;
    this.runEnded = runEnded;
    this.lockRenewed = lockRenewed;
    this.admissionDecided = admissionDecided;
  }

  void siteDone(String runId, SiteOutcome outcome) {
    fire(siteDone, new SiteDone(runId, outcome));
  }

  void runEnded(RunReport report) {
    fire(runEnded, new RunEnded(report));
  }

  void lockRenewed() {
    fire(lockRenewed, LockRenewed.renewed());
  }

  void lockLost(LockLoss loss) {
    fire(lockRenewed, LockRenewed.lost(loss));
  }

  void admitted(Decision decision) {
    fire(admissionDecided, new AdmissionDecided(Verdict.of(decision)));
  }

  /** A {@code /run} trigger refused before admission: a bad parameter or token. */
  public void refused(Verdict verdict) {
    fire(admissionDecided, new AdmissionDecided(verdict));
  }

  /** A listener's bug costs a metric or a log line, never a run. */
  private static <T> void fire(Event<T> event, T payload) {
    try {
      event.fire(payload);
    } catch (RuntimeException e) {
      Log.warnf("A listener of %s failed: %s", payload.getClass().getSimpleName(), e);
    }
  }
}
