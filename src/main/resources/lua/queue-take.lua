-- Moves the queue's head into a consumer's processing list, unless it is not due yet.
-- KEYS[1] -> job queue
-- KEYS[2] -> the consumer's processing list
-- KEYS[3] -> set of consumers that may hold jobs
-- ARGV[1] -> now, epoch ms
-- ARGV[2] -> consumer name
-- Returns the job text, or nil when the queue is empty or its head waits for its retry time
local head = redis.call('LINDEX', KEYS[1], 0)
if not head then
  return nil
end
local ok, job = pcall(cjson.decode, head)
if ok and type(job) == 'table' and tonumber(job['retry_at']) and tonumber(job['retry_at']) > tonumber(ARGV[1]) then
  return nil
end
redis.call('SADD', KEYS[3], ARGV[2])
return redis.call('LMOVE', KEYS[1], KEYS[2], 'LEFT', 'RIGHT')
