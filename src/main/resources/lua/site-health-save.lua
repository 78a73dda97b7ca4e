-- Stores the state of a batch of sites, each with a time to live, and indexes them by blog id.
-- KEYS[1] -> index of sites (sorted set, score and member = blog id)
-- KEYS[2..n+1] -> each site's state
-- ARGV[1] -> time to live of a state (and of the index), ms
-- ARGV[2..n+1] -> each site's blog id, in KEYS order
-- ARGV[n+2..2n+1] -> each site's state line, in KEYS order
-- Returns the number of sites stored
local n = #KEYS - 1
for i = 1, n do
  redis.call('SET', KEYS[i + 1], ARGV[n + 1 + i], 'PX', ARGV[1])
  redis.call('ZADD', KEYS[1], ARGV[i + 1], ARGV[i + 1])
end
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return n
