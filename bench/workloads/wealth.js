// wealth: Boltzmann exchange; every entity with wealth gives one unit to a random entity each tick
function update(e, inbox) {
  const s = e.state;
  for (const m of inbox) s.wealth += m.content;
  if (s.wealth > 0) {
    s.wealth -= 1;
    e.send("agent-" + e.random(1, e.params.n), "coin", 1);
  }
}
