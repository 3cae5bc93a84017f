-- KEYS: the lease. ARGV: this node's id, the lease's time to live in milliseconds.
-- Takes the lease when nobody holds it and renews it when this node does, in one step, so that two nodes can
-- never both believe they hold it. Answers 1 when this node holds it now.
local holder = redis.call('GET', KEYS[1])
if holder and holder ~= ARGV[1] then
    return 0
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1
