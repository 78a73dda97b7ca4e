package org.allsitescron.coordination;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import org.allsitescron.coordination.local.LocalAdmission;
import org.allsitescron.coordination.local.LocalJobQueue;
import org.allsitescron.coordination.local.LocalReportStore;
import org.allsitescron.coordination.local.LocalRunLock;

/** Produces the kind of each coordination seam that {@link CoordinationMode} chose. */
@ApplicationScoped
public class Coordination {

  @Produces
  @ApplicationScoped
  Admission admission(CoordinationMode mode, Instance<LocalAdmission> local) {
    return local.get();
  }

  @Produces
  @ApplicationScoped
  RunLock runLock(CoordinationMode mode, Instance<LocalRunLock> local) {
    return local.get();
  }

  @Produces
  @ApplicationScoped
  JobQueue jobQueue(CoordinationMode mode, Instance<LocalJobQueue> local) {
    return local.get();
  }

  @Produces
  @ApplicationScoped
  ReportStore reportStore(CoordinationMode mode, Instance<LocalReportStore> local) {
    return local.get();
  }
}
