-- GET /api/v1/cameras/{id}/status for ids drawn uniformly over all registered cameras.
-- Arguments after "--": COUNT PREFIX; camera n (1..COUNT) has the id PREFIX followed by n in 7 digits.
-- The Authorization header given with -H is added by wrk.format.
local count, prefix

function init(args)
  count = tonumber(args[1])
  prefix = args[2]
  math.randomseed(os.time() + math.floor(os.clock() * 1000000))
end

function request()
  return wrk.format("GET", string.format("/api/v1/cameras/%s%07d/status", prefix, math.random(1, count)))
end
