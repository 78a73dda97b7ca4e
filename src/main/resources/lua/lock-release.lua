-- Deletes the run lock, only for its owner (compare-and-delete).
-- KEYS[1] -> run lock
-- ARGV[1] -> owner token
-- Returns 1 when released, 0 when the lock is gone or someone else's
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
