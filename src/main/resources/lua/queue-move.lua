-- Takes a job out of a processing list and, when given, pushes a new entry onto a list.
-- KEYS[1] -> the consumer's processing list
-- KEYS[2] -> destination list (queue or dead-letter list)
-- ARGV[1] -> the job text as taken
-- ARGV[2] -> entry to push ("" = none)
-- ARGV[3] -> "head" or "tail" of the destination
-- Returns how many entries were removed from the processing list
local removed = redis.call('LREM', KEYS[1], 1, ARGV[1])
if ARGV[2] ~= '' then
  if ARGV[3] == 'head' then
    redis.call('LPUSH', KEYS[2], ARGV[2])
  else
    redis.call('RPUSH', KEYS[2], ARGV[2])
  end
end
return removed
