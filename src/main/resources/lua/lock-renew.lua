-- Extends the run lock, only for its owner (compare-and-pexpire).
-- KEYS[1] -> run lock
-- ARGV[1] -> owner token
-- ARGV[2] -> time to live, ms
-- Returns 1 when renewed, 0 when the lock is gone or someone else's
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
