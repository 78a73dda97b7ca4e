-- Puts a dead letter's job back at the tail of the queue, if the entry is still there.
-- KEYS[1] -> the dead-letter list
-- KEYS[2] -> the queue
-- ARGV[1] -> the dead-letter entry, exactly as stored
-- ARGV[2] -> the job to queue
-- Returns 1 when the entry was found and the job queued, 0 when the entry was gone
if redis.call('LREM', KEYS[1], 1, ARGV[1]) == 0 then
  return 0
end
redis.call('RPUSH', KEYS[2], ARGV[2])
return 1
