-- Takes the run lock when it is free and hands out the next fencing number.
-- KEYS[1] -> run lock
-- KEYS[2] -> lock fencing counter
-- ARGV[1] -> owner token
-- ARGV[2] -> time to live, ms
-- Returns the fencing number, or 0 when the lock is held
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  return redis.call('INCR', KEYS[2])
end
return 0
