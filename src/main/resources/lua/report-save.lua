-- Stores a run report, indexes it by start time, and tracks the run in progress. A running report
-- is stored only while its run holds the lock: a late one (from a replica cut off from Redis whose
-- writes arrive once the link heals) would otherwise bring back a run that is over.
-- KEYS[1] -> the run's report
-- KEYS[2] -> index of reports (sorted set, score = start epoch ms)
-- KEYS[3] -> id of the run in progress
-- KEYS[4] -> run lock (value: the owner's run id)
-- ARGV[1] -> report JSON
-- ARGV[2] -> report time to live, ms
-- ARGV[3] -> run id
-- ARGV[4] -> start, epoch ms
-- ARGV[5] -> "1" when the run is in progress
-- ARGV[6] -> time to live of the in-progress marker, ms
-- ARGV[7] -> reports kept in the index
-- Returns 1, or 0 when a running report's run no longer holds the lock (nothing stored)
if ARGV[5] == '1' and redis.call('GET', KEYS[4]) ~= ARGV[3] then
  return 0
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
redis.call('ZADD', KEYS[2], ARGV[4], ARGV[3])
redis.call('ZREMRANGEBYRANK', KEYS[2], 0, -(tonumber(ARGV[7]) + 1))
if ARGV[5] == '1' then
  redis.call('SET', KEYS[3], ARGV[3], 'PX', ARGV[6])
elseif redis.call('GET', KEYS[3]) == ARGV[3] then
  redis.call('DEL', KEYS[3])
end
return 1
