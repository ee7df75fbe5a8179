-- wealth: Boltzmann exchange; every entity with wealth gives one unit to a random entity each tick
function update(e, inbox)
  local s = e.state
  for _, m in ipairs(inbox) do s.wealth = s.wealth + m.content end
  if s.wealth > 0 then
    s.wealth = s.wealth - 1
    e.send("agent-" .. e.random(1, e.params.n), "coin", 1)
  end
end
