-- Puts back every job of a consumer, oldest first at the queue's head: a dead consumer's (its
-- heartbeat expired), or the caller's own when it holds none in progress.
-- KEYS[1] -> the consumer's processing list
-- KEYS[2] -> job queue
-- KEYS[3] -> the consumer's heartbeat
-- KEYS[4] -> set of consumers that may hold jobs
-- ARGV[1] -> consumer name
-- ARGV[2] -> "dead" (only when the heartbeat expired; forget the consumer) or "own"
-- Returns how many jobs were put back (0 when a "dead" consumer is in fact alive)
if ARGV[2] == 'dead' and redis.call('EXISTS', KEYS[3]) == 1 then
  return 0
end
local moved = 0
while redis.call('LMOVE', KEYS[1], KEYS[2], 'RIGHT', 'LEFT') do
  moved = moved + 1
end
if ARGV[2] == 'dead' then
  redis.call('SREM', KEYS[4], ARGV[1])
end
return moved
