-- Shared start of every script on one symbol: KEYS[1] is the symbol's meta hash, KEYS[2] its stream.
-- The epoch and seq are valid only as long as the stream they count is there. Losing either one (a restart
-- without persistence, an eviction) starts a new epoch at seq 0 with the candidate the caller drew, so that
-- no resume across the loss is taken for complete and no seq of the old epoch is handed out again.
local function current_epoch(candidate)
    local epoch = redis.call('HGET', KEYS[1], 'epoch')
    local seq = tonumber(redis.call('HGET', KEYS[1], 'seq') or '0')
    if not epoch or (seq > 0 and redis.call('EXISTS', KEYS[2]) == 0) then
        redis.call('DEL', KEYS[2])
        redis.call('HSET', KEYS[1], 'epoch', candidate, 'seq', 0)
        return candidate, 0
    end
    return epoch, seq
end

local function seq_of(id)
    return tonumber(string.match(id, '^(%d+)-'))
end
