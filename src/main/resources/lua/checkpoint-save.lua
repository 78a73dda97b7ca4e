-- Stores a run's checkpoint, only while the run still owns the lock (a replica cut off from Redis
-- whose late write arrives after another took over must not overwrite anything).
-- KEYS[1] -> run lock
-- KEYS[2] -> the run's checkpoint
-- ARGV[1] -> owner token (the run id)
-- ARGV[2] -> checkpoint JSON
-- ARGV[3] -> checkpoint time to live, ms
-- Returns 1 when stored, 0 when the lock is gone or someone else's
if redis.call('GET', KEYS[1]) ~= ARGV[1] then
  return 0
end
redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
return 1
