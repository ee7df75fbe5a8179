-- Flocking (ABMFrameworksComparison): each bird steers by the birds within visual_distance (cohere towards them,
-- separate from the closest, match their heading), keeps a unit velocity (state vx, vy) and moves by speed on the
-- torus. width and height in params repeat the space's, for the shortest differences across its edges.
local function wrap(d, size) return d - size * math.floor(d / size + 0.5) end

function init(e)
  local vx, vy = e.random() * 2 - 1, e.random() * 2 - 1
  local norm = math.sqrt(vx * vx + vy * vy)
  e.state.vx, e.state.vy = vx / norm, vy / norm
end

function update(e, inbox)
  local p, s = e.params, e.state
  local x, y = e.x, e.y
  local sep2 = p.separation * p.separation
  local n, cx, cy, sx, sy, mx, my = 0, 0, 0, 0, 0, 0, 0
  for _, other in ipairs(e.nearby(p.visual_distance)) do
    local dx, dy = wrap(other.x - x, p.width), wrap(other.y - y, p.height)
    n = n + 1
    cx, cy = cx + dx, cy + dy
    mx, my = mx + other.state.vx, my + other.state.vy
    if dx * dx + dy * dy < sep2 then sx, sy = sx - dx, sy - dy end
  end
  n = math.max(n, 1)
  local vx = s.vx + (cx * p.cohere_factor + sx * p.separate_factor + mx * p.match_factor) / n
  local vy = s.vy + (cy * p.cohere_factor + sy * p.separate_factor + my * p.match_factor) / n
  local norm = math.sqrt(vx * vx + vy * vy)
  s.vx, s.vy = vx / norm, vy / norm
  e.move(x + s.vx * p.speed, y + s.vy * p.speed)
end
