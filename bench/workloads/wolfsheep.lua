-- Wolf-sheep-grass (ABMFrameworksComparison). sheep, wolf and meadow are three scripts of this file. Grass is the
-- layer "grass": a cell's value counts the ticks its grass has grown (regrow 1 per tick, up to regrowth_time), so it
-- is fully grown at regrowth_time and eating it takes it back to 0. The meadow entity sets every cell's starting
-- grass in its init and leaves on its first update.
local STEPS = { { -1, -1 }, { 0, -1 }, { 1, -1 }, { -1, 0 }, { 1, 0 }, { -1, 1 }, { 0, 1 }, { 1, 1 } }

-- one of the 8 neighbouring cells inside the grid, uniformly (draws again at an edge); returns the new cell
local function walk(e, p)
  while true do
    local d = STEPS[e.random(1, 8)]
    local x, y = e.x + d[1], e.y + d[2]
    if x >= 0 and x < p.width and y >= 0 and y < p.height then
      e.move(x, y)
      return x, y
    end
  end
end

local function sheep(e, p)
  local s = e.state
  local x, y = walk(e, p)
  s.energy = s.energy - 1
  if e.layer("grass", x, y) >= p.regrowth_time then
    e.take("grass", p.regrowth_time, x, y)
    s.energy = s.energy + p.sheep_gain
  end
  if s.energy < 1 then
    e.destroy()
  elseif e.random() < p.sheep_reproduce then
    s.energy = s.energy / 2
    e.spawn("sheep", { energy = s.energy })
  end
end

local function wolf(e, p)
  local s = e.state
  walk(e, p)
  s.energy = s.energy - 1
  local prey = e.near(0, "sheep")
  if #prey > 0 and e.destroy(prey[e.random(1, #prey)]) then
    s.energy = s.energy + p.wolf_gain
  end
  if s.energy < 0 then
    e.destroy()
  elseif e.random() < p.wolf_reproduce then
    s.energy = s.energy / 2
    e.spawn("wolf", { energy = s.energy })
  end
end

function init(e)
  local p = e.params
  if e.script == "meadow" then -- half the cells fully grown, the others 1 to regrowth_time ticks from it
    for x = 0, p.width - 1 do
      for y = 0, p.height - 1 do
        if e.random() >= 0.5 then e.take("grass", e.random(1, p.regrowth_time), x, y) end
      end
    end
  elseif e.state.energy == nil then -- the first animals; offspring arrive with their energy
    local gain = e.script == "sheep" and p.sheep_gain or p.wolf_gain
    e.state.energy = e.random(1, 2 * gain)
  end
end

function update(e, inbox)
  if e.script == "sheep" then
    sheep(e, e.params)
  elseif e.script == "wolf" then
    wolf(e, e.params)
  else
    e.destroy()
  end
end
