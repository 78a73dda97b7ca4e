-- Moves the first due job of the queue into a consumer's processing list. A job not due yet stays
-- where it is without holding up the jobs behind it. A job waits for its retry time only while the
-- run lock is held: once the lock is free every job is due, so a job that met a busy lock runs as
-- soon as the lock is released. A retry time further ahead than the retry policy ever sets is
-- absurd: that job goes to the dead-letter list, with the reason, its text cut to
-- dead-letters.max-job-length bytes (at a UTF-8 character boundary) with a note of its length in
-- bytes, as Job.buried cuts one.
-- KEYS[1] -> job queue
-- KEYS[2] -> the consumer's processing list
-- KEYS[3] -> set of consumers that may hold jobs
-- KEYS[4] -> run lock
-- KEYS[5] -> dead-letter list
-- ARGV[1] -> now, epoch ms
-- ARGV[2] -> consumer name
-- ARGV[3] -> furthest retry time the policy sets, ms after now
-- ARGV[4] -> entries looked at, at most (from the head)
-- ARGV[5] -> most bytes of a buried job's text that are kept
-- Returns {job text, or false when no job is due; number of jobs moved to the dead-letter list}
local function dead_letter(entry, reason, now)
  local limit = tonumber(ARGV[5])
  local record = { reason = reason, buried_at = math.floor(now / 1000) }
  if #entry > limit then
    -- Back off to the first byte of a UTF-8 character.
    while limit > 0 do
      local byte = string.byte(entry, limit + 1)
      if byte < 0x80 or byte >= 0xC0 then
        break
      end
      limit = limit - 1
    end
    record.job = string.sub(entry, 1, limit)
    record.truncated = true
    record.job_length = #entry
  else
    record.job = entry
  end
  return cjson.encode(record)
end

local now = tonumber(ARGV[1])
local latest = now + tonumber(ARGV[3])
local locked = redis.call('EXISTS', KEYS[4]) == 1
local buried = 0
local entries = redis.call('LRANGE', KEYS[1], 0, tonumber(ARGV[4]) - 1)
for _, entry in ipairs(entries) do
  local ok, job = pcall(cjson.decode, entry)
  local retry_at = nil
  if ok and type(job) == 'table' then
    retry_at = tonumber(job['retry_at'])
  end
  if retry_at and retry_at > latest then
    redis.call('LREM', KEYS[1], 1, entry)
    redis.call('RPUSH', KEYS[5], dead_letter(entry,
      'retry_at ' .. string.format('%.0f', retry_at) .. ' is beyond any retry the policy sets', now))
    buried = buried + 1
  elseif not (locked and retry_at and retry_at > now) then
    redis.call('LREM', KEYS[1], 1, entry)
    redis.call('SADD', KEYS[3], ARGV[2])
    redis.call('RPUSH', KEYS[2], entry)
    return {entry, buried}
  end
end
return {false, buried}
