// Wolf-sheep-grass (ABMFrameworksComparison). sheep, wolf and meadow are three scripts of this file. Grass is the
// layer "grass": a cell's value counts the ticks its grass has grown (regrow 1 per tick, up to regrowth_time), so it
// is fully grown at regrowth_time and eating it takes it back to 0. The meadow entity sets every cell's starting
// grass in its init and leaves on its first update.
const STEPS = [[-1, -1], [0, -1], [1, -1], [-1, 0], [1, 0], [-1, 1], [0, 1], [1, 1]];

// one of the 8 neighbouring cells inside the grid, uniformly (draws again at an edge); returns the new cell
function walk(e, p) {
  for (;;) {
    const d = STEPS[e.random(0, 7)];
    const x = e.x + d[0], y = e.y + d[1];
    if (x >= 0 && x < p.width && y >= 0 && y < p.height) {
      e.move(x, y);
      return [x, y];
    }
  }
}

function sheep(e, p) {
  const s = e.state;
  const [x, y] = walk(e, p);
  s.energy -= 1;
  if (e.layer("grass", x, y) >= p.regrowth_time) {
    e.take("grass", p.regrowth_time, x, y);
    s.energy += p.sheep_gain;
  }
  if (s.energy < 1) {
    e.destroy();
  } else if (e.random() < p.sheep_reproduce) {
    s.energy /= 2;
    e.spawn("sheep", { energy: s.energy });
  }
}

function wolf(e, p) {
  const s = e.state;
  walk(e, p);
  s.energy -= 1;
  const prey = e.near(0, "sheep");
  if (prey.length > 0 && e.destroy(prey[e.random(0, prey.length - 1)])) {
    s.energy += p.wolf_gain;
  }
  if (s.energy < 0) {
    e.destroy();
  } else if (e.random() < p.wolf_reproduce) {
    s.energy /= 2;
    e.spawn("wolf", { energy: s.energy });
  }
}

function init(e) {
  const p = e.params;
  if (e.script === "meadow") { // half the cells fully grown, the others 1 to regrowth_time ticks from it
    for (let x = 0; x < p.width; x++) {
      for (let y = 0; y < p.height; y++) {
        if (e.random() >= 0.5) e.take("grass", e.random(1, p.regrowth_time), x, y);
      }
    }
  } else if (e.state.energy === undefined) { // the first animals; offspring arrive with their energy
    const gain = e.script === "sheep" ? p.sheep_gain : p.wolf_gain;
    e.state.energy = e.random(1, 2 * gain);
  }
}

function update(e, inbox) {
  if (e.script === "sheep") sheep(e, e.params);
  else if (e.script === "wolf") wolf(e, e.params);
  else e.destroy();
}
