-- The three models of the ABMFrameworksComparison benchmark (github.com/JuliaDynamics/ABMFrameworksComparison,
-- each model's DECLARATION.md) written by hand for a plain Lua runtime (lua5.4; LuaJIT and LuaJ run it too): no
-- framework, the model's own tables, math.random. The same rules as spatial.js, line for line (bench/README.md).
-- usage: lua5.4 spatial.lua MODEL SIZE WARMUP_RUNS RUNS   (MODEL schelling|wolfsheep|flocking, SIZE small|large)
-- Prints one JSON line: warmup_ms (all warm-up runs, setup included), block_ms (the steps of each timed run, setup
-- excluded), setup_ms, steps, agents, and check (end-of-run check values averaged over the timed runs).
local model, size, warmupRuns, runs = arg[1], arg[2], tonumber(arg[3]), tonumber(arg[4])

local PARAMS = {
  schelling = {
    small = { side = 40, agents = 1000, radius = 1, minHappy = 3, steps = 20 },
    large = { side = 100, agents = 8000, radius = 2, minHappy = 8, steps = 20 },
  },
  wolfsheep = {
    small = { side = 25, sheep = 60, wolves = 40, regrowth = 20, sheepRepro = 0.2, wolfRepro = 0.1, steps = 100 },
    large = { side = 100, sheep = 1000, wolves = 500, regrowth = 10, sheepRepro = 0.4, wolfRepro = 0.2, steps = 100 },
  },
  flocking = {
    small = { side = 100, birds = 200, visual = 5, steps = 100 },
    large = { side = 150, birds = 400, visual = 15, steps = 100 },
  },
}
local SHEEP_GAIN, WOLF_GAIN = 5, 13
local SPEED, COHERE, SEPARATION, SEPARATE, MATCH = 1, 0.03, 1, 0.015, 0.05

local random, floor, sqrt, max, min = math.random, math.floor, math.sqrt, math.max, math.min

local function shuffle(a)
  for i = #a, 2, -1 do
    local j = random(i)
    a[i], a[j] = a[j], a[i]
  end
end

local function removeFrom(list, item) -- order in a cell does not matter: swap with the last
  local n = #list
  for k = 1, n do
    if list[k] == item then
      list[k] = list[n]
      list[n] = nil
      return
    end
  end
end

-- Schelling: a bounded grid, one agent per cell; an agent with fewer than minHappy neighbours of its group within
-- Chebyshev radius moves to a random empty cell. Random activation order each step. Cells are numbered from 0.
local function schelling(p)
  local side, cells, r = p.side, p.side * p.side, p.radius
  local at, ax, ay, group, happy = {}, {}, {}, {}, {}
  local order = {}
  for c = 0, cells - 1 do
    order[c + 1] = c
    at[c] = 0 -- 0: no agent
  end
  shuffle(order) -- the first `agents` cells get the agents, the rest stay empty
  local empty = {}                  -- a random empty cell is one draw from this list
  for k = p.agents + 1, cells do empty[#empty + 1] = order[k] end
  for i = 1, p.agents do
    local c = order[i]
    at[c], ax[i], ay[i] = i, c % side, floor(c / side)
    group[i] = i <= p.agents / 2 and 1 or 2
    happy[i] = false
  end
  local agents = {}
  for i = 1, p.agents do agents[i] = i end
  local nEmpty = #empty
  local m = {}
  function m.step()
    shuffle(agents)
    for k = 1, #agents do
      local i = agents[k]
      local same, g = 0, group[i]
      for y = max(0, ay[i] - r), min(side - 1, ay[i] + r) do
        for x = max(0, ax[i] - r), min(side - 1, ax[i] + r) do
          local j = at[y * side + x]
          if j ~= 0 and j ~= i and group[j] == g then same = same + 1 end
        end
      end
      if same >= p.minHappy then
        happy[i] = true
      else
        happy[i] = false
        local e = random(nEmpty)
        local to, from = empty[e], ay[i] * side + ax[i]
        empty[e] = from
        at[from], at[to] = 0, i
        ax[i], ay[i] = to % side, floor(to / side)
      end
    end
  end
  function m.check()
    local n = 0
    for i = 1, p.agents do if happy[i] then n = n + 1 end end
    return { { "happy", n / p.agents } }
  end
  return m
end

-- WolfSheep: a bounded grid, any number of animals per cell, grass as two arrays (grown, countdown). Each step: all
-- sheep in random order, then all wolves in random order, then the grass. Offspring join at their parent's cell and
-- act from the next step.
local function wolfsheep(p)
  local side, cells = p.side, p.side * p.side
  local grown, countdown, sheepAt = {}, {}, {} -- wolves look for sheep by cell
  local sheep, wolves = {}, {}
  for c = 0, cells - 1 do sheepAt[c] = {} end
  local function animal(x, y, energy) return { x = x, y = y, energy = energy, alive = true } end
  local function addSheep(s)
    sheep[#sheep + 1] = s
    local here = sheepAt[s.y * side + s.x]
    here[#here + 1] = s
  end
  for _ = 1, p.sheep do addSheep(animal(random(side) - 1, random(side) - 1, random(2 * SHEEP_GAIN))) end
  for _ = 1, p.wolves do wolves[#wolves + 1] = animal(random(side) - 1, random(side) - 1, random(2 * WOLF_GAIN)) end
  for c = 0, cells - 1 do
    if random() < 0.5 then grown[c], countdown[c] = true, 0
    else grown[c], countdown[c] = false, random(p.regrowth) end
  end
  local DX, DY = { -1, 0, 1, -1, 1, -1, 0, 1 }, { -1, -1, -1, 0, 0, 1, 1, 1 }
  local function walk(a) -- one of the 8 neighbouring cells inside the grid, uniformly (draws again at an edge)
    while true do
      local k = random(8)
      local x, y = a.x + DX[k], a.y + DY[k]
      if x >= 0 and x < side and y >= 0 and y < side then
        a.x, a.y = x, y
        return
      end
    end
  end
  local function sheepStep(s)
    removeFrom(sheepAt[s.y * side + s.x], s)
    walk(s)
    local c = s.y * side + s.x
    local here = sheepAt[c]
    here[#here + 1] = s
    s.energy = s.energy - 1
    if grown[c] then
      s.energy = s.energy + SHEEP_GAIN
      grown[c], countdown[c] = false, p.regrowth
    end
    if s.energy < 1 then
      s.alive = false
      removeFrom(here, s)
    elseif random() < p.sheepRepro then
      s.energy = s.energy / 2
      addSheep(animal(s.x, s.y, s.energy))
    end
  end
  local function wolfStep(w)
    walk(w)
    w.energy = w.energy - 1
    local here = sheepAt[w.y * side + w.x]
    if #here > 0 then
      local prey = here[random(#here)]
      prey.alive = false
      removeFrom(here, prey)
      w.energy = w.energy + WOLF_GAIN
    end
    if w.energy < 0 then
      w.alive = false
    elseif random() < p.wolfRepro then
      w.energy = w.energy / 2
      wolves[#wolves + 1] = animal(w.x, w.y, w.energy)
    end
  end
  local function living(list)
    local out = {}
    for k = 1, #list do if list[k].alive then out[#out + 1] = list[k] end end
    return out
  end
  local function copy(list)
    local out = {}
    for k = 1, #list do out[k] = list[k] end
    return out
  end
  local m = {}
  function m.step()
    local order = copy(sheep) -- newborns are appended to `sheep`, not to this step's order
    shuffle(order)
    for k = 1, #order do if order[k].alive then sheepStep(order[k]) end end
    order = copy(wolves)
    shuffle(order)
    for k = 1, #order do if order[k].alive then wolfStep(order[k]) end end
    for c = 0, cells - 1 do
      if not grown[c] then
        countdown[c] = countdown[c] - 1
        if countdown[c] <= 0 then grown[c] = true end
      end
    end
    sheep, wolves = living(sheep), living(wolves)
  end
  function m.check()
    local g = 0
    for c = 0, cells - 1 do if grown[c] then g = g + 1 end end
    return { { "sheep", #sheep }, { "wolves", #wolves }, { "grass", g } }
  end
  return m
end

-- Flocking: a continuous torus; each bird steers by its neighbours within the visual distance (cohere, separate,
-- match), keeps a unit velocity and moves by its speed. Random activation order each step; a bird sees the others'
-- positions and velocities as they are now. Birds are kept in buckets at least `visual` wide, so a query reads 9.
local function flocking(p)
  local n, W = p.birds, p.side
  local x, y, vx, vy = {}, {}, {}, {}
  local cols = max(1, floor(W / p.visual))
  local width = W / cols
  local buckets, bucketOf = {}, {}
  for b = 0, cols * cols - 1 do buckets[b] = {} end
  local function bucket(i)
    return min(cols - 1, floor(y[i] / width)) * cols + min(cols - 1, floor(x[i] / width))
  end
  for i = 1, n do
    x[i], y[i] = random() * W, random() * W
    local a, b = random() * 2 - 1, random() * 2 - 1
    local norm = sqrt(a * a + b * b)
    vx[i], vy[i] = a / norm, b / norm
    bucketOf[i] = bucket(i)
    local list = buckets[bucketOf[i]]
    list[#list + 1] = i
  end
  local function wrap(d) return d - W * floor(d / W + 0.5) end -- the shortest difference on the torus
  local function mod(v)
    local m = v % W
    if m >= W then return 0 end
    return m
  end
  local around = cols >= 3 and { -1, 0, 1 } or { 0 } -- with fewer than 3 columns, one bucket is all of them
  local r2, sep2 = p.visual * p.visual, SEPARATION * SEPARATION
  local birds = {}
  for i = 1, n do birds[i] = i end
  local function birdStep(i)
    local count, cx, cy, sx, sy, mx, my = 0, 0, 0, 0, 0, 0, 0
    local xi, yi = x[i], y[i]
    local bx, by = bucketOf[i] % cols, floor(bucketOf[i] / cols)
    for _, oy in ipairs(around) do
      for _, ox in ipairs(around) do
        local list = buckets[((by + oy) % cols) * cols + (bx + ox) % cols]
        for k = 1, #list do
          local j = list[k]
          if j ~= i then
            local dx, dy = wrap(x[j] - xi), wrap(y[j] - yi)
            local d2 = dx * dx + dy * dy
            if d2 <= r2 then
              count = count + 1
              cx, cy = cx + dx, cy + dy
              mx, my = mx + vx[j], my + vy[j]
              if d2 < sep2 then sx, sy = sx - dx, sy - dy end
            end
          end
        end
      end
    end
    count = max(count, 1)
    local ux = vx[i] + (cx * COHERE + sx * SEPARATE + mx * MATCH) / count
    local uy = vy[i] + (cy * COHERE + sy * SEPARATE + my * MATCH) / count
    local norm = sqrt(ux * ux + uy * uy)
    vx[i], vy[i] = ux / norm, uy / norm
    x[i], y[i] = mod(xi + vx[i] * SPEED), mod(yi + vy[i] * SPEED)
    local b = bucket(i)
    if b ~= bucketOf[i] then
      removeFrom(buckets[bucketOf[i]], i)
      local list = buckets[b]
      list[#list + 1] = i
      bucketOf[i] = b
    end
  end
  local m = {}
  function m.step()
    shuffle(birds)
    for k = 1, n do birdStep(birds[k]) end
  end
  function m.check() -- polarisation: length of the mean velocity, 1 when all fly one way
    local sx, sy = 0, 0
    for i = 1, n do sx, sy = sx + vx[i], sy + vy[i] end
    return { { "polarisation", sqrt(sx * sx + sy * sy) / n } }
  end
  return m
end

local build = ({ schelling = schelling, wolfsheep = wolfsheep, flocking = flocking })[model]
local p = PARAMS[model][size]

local function runOnce()
  local t0 = os.clock()
  local m = build(p)
  local t1 = os.clock()
  for _ = 1, p.steps do m.step() end
  local t2 = os.clock()
  return (t1 - t0) * 1000, (t2 - t1) * 1000, m.check()
end

local warm = 0
for _ = 1, warmupRuns do
  local setup, steps = runOnce()
  warm = warm + setup + steps
end
local blocks, setups, sums, names = {}, {}, {}, {}
for r = 1, runs do
  local setup, steps, check = runOnce()
  blocks[r], setups[r] = string.format("%.3f", steps), string.format("%.3f", setup)
  for k, pair in ipairs(check) do
    names[k], sums[k] = pair[1], (sums[k] or 0) + pair[2] / runs
  end
end
local check = {}
for k = 1, #names do check[k] = string.format('"%s": %.17g', names[k], sums[k]) end
print(string.format('{"warmup_ms": %.3f, "block_ms": [%s], "setup_ms": [%s], "steps": %d, "agents": %d, "check": {%s}}',
  warm, table.concat(blocks, ", "), table.concat(setups, ", "), p.steps, p.agents or p.birds or p.sheep + p.wolves,
  table.concat(check, ", ")))
