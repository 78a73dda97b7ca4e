package org.allsitescron.coordination;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import org.allsitescron.coordination.local.LocalAdmission;
import org.allsitescron.coordination.local.LocalCheckpointStore;
import org.allsitescron.coordination.local.LocalJobQueue;
import org.allsitescron.coordination.local.LocalReportStore;
import org.allsitescron.coordination.local.LocalRunLock;
import org.allsitescron.coordination.local.LocalSiteHealthStore;
import org.allsitescron.coordination.redis.RedisAdmission;
import org.allsitescron.coordination.redis.RedisCheckpointStore;
import org.allsitescron.coordination.redis.RedisJobQueue;
import org.allsitescron.coordination.redis.RedisReportStore;
import org.allsitescron.coordination.redis.RedisRunLock;
import org.allsitescron.coordination.redis.RedisSiteHealthStore;

/**
 * Produces the kind of each coordination seam that {@link CoordinationMode} chose; the other kind
 * is never instantiated (so no Redis connection exists in the embedded mode).
 */
@ApplicationScoped
public class Coordination {

  @Produces
  @ApplicationScoped
  Admission admission(
      CoordinationMode mode, Instance<LocalAdmission> local, Instance<RedisAdmission> redis) {
    return mode.isRedis() ? redis.get() : local.get();
  }

  @Produces
  @ApplicationScoped
  RunLock runLock(
      CoordinationMode mode, Instance<LocalRunLock> local, Instance<RedisRunLock> redis) {
    return mode.isRedis() ? redis.get() : local.get();
  }

  @Produces
  @ApplicationScoped
  JobQueue jobQueue(
      CoordinationMode mode, Instance<LocalJobQueue> local, Instance<RedisJobQueue> redis) {
    return mode.isRedis() ? redis.get() : local.get();
  }

  @Produces
  @ApplicationScoped
  ReportStore reportStore(
      CoordinationMode mode, Instance<LocalReportStore> local, Instance<RedisReportStore> redis) {
    return mode.isRedis() ? redis.get() : local.get();
  }

  @Produces
  @ApplicationScoped
  SiteHealthStore siteHealthStore(
      CoordinationMode mode,
      Instance<LocalSiteHealthStore> local,
      Instance<RedisSiteHealthStore> redis) {
    return mode.isRedis() ? redis.get() : local.get();
  }

  @Produces
  @ApplicationScoped
  CheckpointStore checkpointStore(
      CoordinationMode mode,
      Instance<LocalCheckpointStore> local,
      Instance<RedisCheckpointStore> redis) {
    return mode.isRedis() ? redis.get() : local.get();
  }
}
