-- Empties the dead-letter list.
-- KEYS[1] -> the dead-letter list
-- Returns how many entries it held
local length = redis.call('LLEN', KEYS[1])
redis.call('DEL', KEYS[1])
return length
