// compute: arithmetic dominates (a logistic map iterated params.work times per tick)
function update(e, inbox) {
  const s = e.state;
  let x = s.x, acc = s.acc;
  for (let i = 0; i < e.params.work; i++) {
    x = 3.9 * x * (1 - x);
    acc = acc + x * x;
  }
  s.x = x;
  s.acc = acc;
}
