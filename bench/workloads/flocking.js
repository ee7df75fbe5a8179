// Flocking (ABMFrameworksComparison): each bird steers by the birds within visual_distance (cohere towards them,
// separate from the closest, match their heading), keeps a unit velocity (state vx, vy) and moves by speed on the
// torus. width and height in params repeat the space's, for the shortest differences across its edges.
const wrap = (d, size) => d - size * Math.floor(d / size + 0.5);

function init(e) {
  const vx = e.random() * 2 - 1, vy = e.random() * 2 - 1;
  const norm = Math.sqrt(vx * vx + vy * vy);
  e.state.vx = vx / norm;
  e.state.vy = vy / norm;
}

function update(e, inbox) {
  const p = e.params, s = e.state;
  const x = e.x, y = e.y;
  const sep2 = p.separation * p.separation;
  let n = 0, cx = 0, cy = 0, sx = 0, sy = 0, mx = 0, my = 0;
  for (const other of e.nearby(p.visual_distance)) {
    const dx = wrap(other.x - x, p.width), dy = wrap(other.y - y, p.height);
    n++;
    cx += dx; cy += dy;
    mx += other.state.vx; my += other.state.vy;
    if (dx * dx + dy * dy < sep2) { sx -= dx; sy -= dy; }
  }
  n = Math.max(n, 1);
  const vx = s.vx + (cx * p.cohere_factor + sx * p.separate_factor + mx * p.match_factor) / n;
  const vy = s.vy + (cy * p.cohere_factor + sy * p.separate_factor + my * p.match_factor) / n;
  const norm = Math.sqrt(vx * vx + vy * vy);
  s.vx = vx / norm;
  s.vy = vy / norm;
  e.move(x + s.vx * p.speed, y + s.vy * p.speed);
}
