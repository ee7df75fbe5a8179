-- The bench workloads written by hand for a plain Lua runtime (lua5.4; LuaJIT runs it too): no framework, an
-- array of entities, a table per state, one inbox list per entity per tick.
-- usage: lua5.4 native.lua WORKLOAD N WARMUP_TICKS BLOCKS TICKS_PER_BLOCK   -> one JSON line on stdout
local workload, n, warmup, blocks, per = arg[1], tonumber(arg[2]), tonumber(arg[3]), tonumber(arg[4]), tonumber(arg[5])
local WORK, FANOUT = 1000, 10

local states, inbox, nextInbox = {}, {}, {}
for i = 1, n do
  if workload == "wealth" then states[i] = { wealth = 1 }
  elseif workload == "compute" then states[i] = { x = 0.3, acc = 0 }
  else states[i] = { sum = 0 } end
  inbox[i], nextInbox[i] = {}, {}
end

local function send(from, to, kind, content)
  local box = nextInbox[to]
  box[#box + 1] = { from = from, kind = kind, content = content }
end

local update
if workload == "wealth" then
  update = function(i, s, msgs)
    for _, m in ipairs(msgs) do s.wealth = s.wealth + m.content end
    if s.wealth > 0 then
      s.wealth = s.wealth - 1
      send(i, math.random(1, n), "coin", 1)
    end
  end
elseif workload == "compute" then
  update = function(i, s, msgs)
    local x, acc = s.x, s.acc
    for _ = 1, WORK do
      x = 3.9 * x * (1 - x)
      acc = acc + x * x
    end
    s.x, s.acc = x, acc
  end
else
  update = function(i, s, msgs)
    for _, m in ipairs(msgs) do s.sum = s.sum + m.content end
    for k = 1, FANOUT do send(i, math.random(1, n), "ping", k) end
  end
end

local function tick()
  inbox, nextInbox = nextInbox, inbox
  for i = 1, n do nextInbox[i] = {} end
  for i = 1, n do update(i, states[i], inbox[i]) end
end

local function run(ticks)
  local t0 = os.clock()
  for _ = 1, ticks do tick() end
  return (os.clock() - t0) * 1000
end

local warm = run(warmup)
local times = {}
for b = 1, blocks do times[b] = string.format("%.3f", run(per)) end
local check = 0
for i = 1, n do
  local s = states[i]
  if workload == "wealth" then check = check + s.wealth
  elseif workload == "compute" then check = check + s.x
  else check = check + s.sum end
  for _, m in ipairs(nextInbox[i]) do check = check + m.content end
end
print(string.format('{"warmup_ms": %.3f, "block_ms": [%s], "check": %.17g}', warm, table.concat(times, ", "), check))
