-- Admits a trigger: cooldown, then lock, then (defer) queue or (sync) lock + cooldown, atomically.
-- KEYS[1] -> cooldown key (value: epoch seconds of the last accepted trigger)
-- KEYS[2] -> run lock
-- KEYS[3] -> job queue
-- KEYS[4] -> lock fencing counter
-- ARGV[1] -> "sync" or "defer"
-- ARGV[2] -> run id (the lock owner for sync)
-- ARGV[3] -> lock time to live, ms
-- ARGV[4] -> cooldown, ms (0 = none)
-- ARGV[5] -> job JSON (defer)
-- ARGV[6] -> now, epoch seconds
-- Returns {"rate_limited", cooldown ms left, last run seconds} | {"locked"}
--       | {"already_queued", run id} | {"queued", run id} | {"accepted", fence}
-- A waiting job without a run id (the plugin's) is named "job-" + the first 32 hex digits of the
-- SHA-1 of its text: the id Job.parse gives it when it is taken, so the answer is a usable id.
local left = redis.call('PTTL', KEYS[1])
if left > 0 then
  return {'rate_limited', left, redis.call('GET', KEYS[1]) or '0'}
end
if redis.call('EXISTS', KEYS[2]) == 1 then
  return {'locked'}
end
if ARGV[1] == 'defer' then
  local waiting = redis.call('LINDEX', KEYS[3], 0)
  if waiting then
    local ok, job = pcall(cjson.decode, waiting)
    local id = 'job-' .. string.sub(redis.sha1hex(waiting), 1, 32)
    if ok and type(job) == 'table' and type(job['run_id']) == 'string' and job['run_id'] ~= '' then
      id = job['run_id']
    end
    return {'already_queued', id}
  end
  redis.call('RPUSH', KEYS[3], ARGV[5])
  if tonumber(ARGV[4]) > 0 then
    redis.call('SET', KEYS[1], ARGV[6], 'PX', ARGV[4])
  end
  return {'queued', ARGV[2]}
end
redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
if tonumber(ARGV[4]) > 0 then
  redis.call('SET', KEYS[1], ARGV[6], 'PX', ARGV[4])
end
return {'accepted', redis.call('INCR', KEYS[4])}
