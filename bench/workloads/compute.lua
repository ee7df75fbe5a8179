-- compute: arithmetic dominates (a logistic map iterated params.work times per tick)
function update(e, inbox)
  local s = e.state
  local x, acc = s.x, s.acc
  for i = 1, e.params.work do
    x = 3.9 * x * (1 - x)
    acc = acc + x * x
  end
  s.x = x
  s.acc = acc
end
