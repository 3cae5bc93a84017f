-- KEYS: the symbol's meta hash and stream. ARGV: the epoch the caller is in, first seq, last seq.
-- The entries between both seqs, or false when the symbol is no longer in that epoch, so that a node filling a
-- gap never mixes ticks of two epochs.
if redis.call('HGET', KEYS[1], 'epoch') ~= ARGV[1] then
    return false
end
return redis.call('XRANGE', KEYS[2], ARGV[2] .. '-0', ARGV[3] .. '-0')
