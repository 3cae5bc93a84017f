-- ARGV: epoch candidate, stream length, encoded tick, channel, symbol.
-- Numbering, storing and publishing in one step: no two nodes hand out the same seq, and whoever receives
-- the message can already read the tick from the stream.
local epoch = current_epoch(ARGV[1])
local seq = redis.call('HINCRBY', KEYS[1], 'seq', 1)
redis.call('XADD', KEYS[2], 'MAXLEN', ARGV[2], string.format('%d-0', seq), 't', ARGV[3])
redis.call('PUBLISH', ARGV[4], ARGV[5] .. ';' .. epoch .. ';' .. string.format('%d', seq) .. ';' .. ARGV[3])
return seq
