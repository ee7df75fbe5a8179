-- chatter: many small messages; each entity sends params.fanout numbers a tick and sums what it receives
function update(e, inbox)
  local s = e.state
  for _, m in ipairs(inbox) do s.sum = s.sum + m.content end
  local n = e.params.n
  for k = 1, e.params.fanout do
    e.send("agent-" .. e.random(1, n), "ping", k)
  end
end
