-- Schelling segregation (ABMFrameworksComparison): an agent's group is its script (red or blue, both this file), so
-- the neighbours of its own group within the radius are one query. An unhappy agent moves to a random free cell.
function update(e, inbox)
  local p = e.params
  if #e.near(p.radius, e.script) >= p.min_to_be_happy then
    e.state.happy = true
  else
    e.state.happy = false
    local cell = e.free()
    if cell then e.move(cell[1], cell[2]) end
  end
end
