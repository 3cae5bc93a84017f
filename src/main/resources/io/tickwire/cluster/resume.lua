-- ARGV: epoch candidate, the client's epoch ('' for none), the client's seq.
-- Answers {epoch, latest seq, oldest seq held, ticks after the client's seq, latest tick} read at one instant;
-- the caller decides by ResumeRule. The ticks are read only when the client is in this epoch, where they may
-- be the replay.
local epoch, seq = current_epoch(ARGV[1])
local oldest = seq + 1
local first = redis.call('XRANGE', KEYS[2], '-', '+', 'COUNT', 1)
if #first > 0 then
    oldest = seq_of(first[1][1])
end
local after = {}
local from = tonumber(ARGV[3])
if ARGV[2] == epoch and from >= 0 and from < seq then
    after = redis.call('XRANGE', KEYS[2], string.format('%d-0', from + 1), '+')
end
local latest = redis.call('XREVRANGE', KEYS[2], '+', '-', 'COUNT', 1)
return {epoch, seq, oldest, after, latest}
