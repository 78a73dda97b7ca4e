-- Puts back every job of a consumer whose heartbeat expired, oldest first at the queue's head.
-- KEYS[1] -> the consumer's processing list
-- KEYS[2] -> job queue
-- KEYS[3] -> the consumer's heartbeat
-- KEYS[4] -> set of consumers that may hold jobs
-- ARGV[1] -> consumer name
-- Returns how many jobs were put back (0 when the consumer is alive)
if redis.call('EXISTS', KEYS[3]) == 1 then
  return 0
end
local moved = 0
while redis.call('LMOVE', KEYS[1], KEYS[2], 'RIGHT', 'LEFT') do
  moved = moved + 1
end
redis.call('SREM', KEYS[4], ARGV[1])
return moved
