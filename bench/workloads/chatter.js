// chatter: many small messages; each entity sends params.fanout numbers a tick and sums what it receives
function update(e, inbox) {
  const s = e.state;
  for (const m of inbox) s.sum += m.content;
  const n = e.params.n;
  for (let k = 1; k <= e.params.fanout; k++) {
    e.send("agent-" + e.random(1, n), "ping", k);
  }
}
