// The three models of the ABMFrameworksComparison benchmark (github.com/JuliaDynamics/ABMFrameworksComparison,
// each model's DECLARATION.md) written by hand for Node.js: no framework, the model's own arrays, Math.random.
// bench/README.md lists the rules and parameters; spatial.lua and spatial.py follow the same rules line for line.
// usage: node spatial.js MODEL SIZE WARMUP_RUNS RUNS   (MODEL schelling|wolfsheep|flocking, SIZE small|large)
// Each run builds a fresh model and steps it the declared number of steps. Prints one JSON line: warmup_ms (all
// warm-up runs, setup included), block_ms (the steps of each timed run, setup excluded), setup_ms, steps, agents,
// and check (the end-of-run check values, averaged over the timed runs).
const [model, size, warmupRuns, runs] = [process.argv[2], process.argv[3], ...process.argv.slice(4).map(Number)];

const PARAMS = {
  schelling: {
    small: { side: 40, agents: 1000, radius: 1, minHappy: 3, steps: 20 },
    large: { side: 100, agents: 8000, radius: 2, minHappy: 8, steps: 20 },
  },
  wolfsheep: {
    small: { side: 25, sheep: 60, wolves: 40, regrowth: 20, sheepRepro: 0.2, wolfRepro: 0.1, steps: 100 },
    large: { side: 100, sheep: 1000, wolves: 500, regrowth: 10, sheepRepro: 0.4, wolfRepro: 0.2, steps: 100 },
  },
  flocking: {
    small: { side: 100, birds: 200, visual: 5, steps: 100 },
    large: { side: 150, birds: 400, visual: 15, steps: 100 },
  },
};
const SHEEP_GAIN = 5, WOLF_GAIN = 13;
const SPEED = 1, COHERE = 0.03, SEPARATION = 1, SEPARATE = 0.015, MATCH = 0.05;

const randInt = (k) => Math.floor(Math.random() * k); // 0 .. k-1
function shuffle(a) {
  for (let i = a.length - 1; i > 0; i--) {
    const j = randInt(i + 1);
    const t = a[i]; a[i] = a[j]; a[j] = t;
  }
}
function removeFrom(list, item) { // order in a cell does not matter: swap with the last
  const k = list.indexOf(item);
  list[k] = list[list.length - 1];
  list.pop();
}

// Schelling: a bounded grid, one agent per cell; an agent with fewer than minHappy neighbours of its group within
// Chebyshev radius moves to a random empty cell. Random activation order each step.
function schelling(p) {
  const cells = p.side * p.side;
  const at = new Int32Array(cells).fill(-1); // agent on each cell, or -1
  const ax = new Int32Array(p.agents), ay = new Int32Array(p.agents);
  const group = new Uint8Array(p.agents), happy = new Uint8Array(p.agents);
  const order = Int32Array.from({ length: cells }, (_, i) => i);
  shuffle(order); // the first `agents` cells get the agents, the rest stay empty
  const empty = Int32Array.from(order.subarray(p.agents)); // a random empty cell is one draw from this list
  for (let i = 0; i < p.agents; i++) {
    at[order[i]] = i;
    ax[i] = order[i] % p.side;
    ay[i] = Math.floor(order[i] / p.side);
    group[i] = i < p.agents / 2 ? 0 : 1;
  }
  const agents = Int32Array.from({ length: p.agents }, (_, i) => i);
  return {
    step() {
      shuffle(agents);
      for (const i of agents) {
        let same = 0;
        const x0 = Math.max(0, ax[i] - p.radius), x1 = Math.min(p.side - 1, ax[i] + p.radius);
        const y0 = Math.max(0, ay[i] - p.radius), y1 = Math.min(p.side - 1, ay[i] + p.radius);
        for (let y = y0; y <= y1; y++) {
          for (let x = x0; x <= x1; x++) {
            const j = at[y * p.side + x];
            if (j >= 0 && j !== i && group[j] === group[i]) same++;
          }
        }
        if (same >= p.minHappy) {
          happy[i] = 1;
        } else {
          happy[i] = 0;
          const k = randInt(empty.length), to = empty[k], from = ay[i] * p.side + ax[i];
          empty[k] = from;
          at[from] = -1;
          at[to] = i;
          ax[i] = to % p.side;
          ay[i] = Math.floor(to / p.side);
        }
      }
    },
    check: () => ({ happy: happy.reduce((a, b) => a + b, 0) / p.agents }),
  };
}

// WolfSheep: a bounded grid, any number of animals per cell, grass as two arrays (grown, countdown). Each step: all
// sheep in random order, then all wolves in random order, then the grass. Offspring join at their parent's cell and
// act from the next step.
function wolfsheep(p) {
  const cells = p.side * p.side;
  const grown = new Uint8Array(cells), countdown = new Int32Array(cells);
  const sheepAt = Array.from({ length: cells }, () => []); // wolves look for sheep by cell
  let sheep = [], wolves = [];
  const animal = (x, y, energy) => ({ x, y, energy, alive: true });
  const addSheep = (s) => { sheep.push(s); sheepAt[s.y * p.side + s.x].push(s); };
  for (let i = 0; i < p.sheep; i++) addSheep(animal(randInt(p.side), randInt(p.side), 1 + randInt(2 * SHEEP_GAIN)));
  for (let i = 0; i < p.wolves; i++) wolves.push(animal(randInt(p.side), randInt(p.side), 1 + randInt(2 * WOLF_GAIN)));
  for (let c = 0; c < cells; c++) {
    if (Math.random() < 0.5) grown[c] = 1;
    else countdown[c] = 1 + randInt(p.regrowth);
  }
  const DX = [-1, 0, 1, -1, 1, -1, 0, 1], DY = [-1, -1, -1, 0, 0, 1, 1, 1];
  function walk(a) { // one of the 8 neighbouring cells inside the grid, uniformly (draws again at an edge)
    for (;;) {
      const k = randInt(8), x = a.x + DX[k], y = a.y + DY[k];
      if (x >= 0 && x < p.side && y >= 0 && y < p.side) { a.x = x; a.y = y; return; }
    }
  }
  function sheepStep(s) {
    removeFrom(sheepAt[s.y * p.side + s.x], s);
    walk(s);
    const c = s.y * p.side + s.x;
    sheepAt[c].push(s);
    s.energy -= 1;
    if (grown[c]) {
      s.energy += SHEEP_GAIN;
      grown[c] = 0;
      countdown[c] = p.regrowth;
    }
    if (s.energy < 1) {
      s.alive = false;
      removeFrom(sheepAt[c], s);
    } else if (Math.random() < p.sheepRepro) {
      s.energy /= 2;
      addSheep(animal(s.x, s.y, s.energy));
    }
  }
  function wolfStep(w) {
    walk(w);
    w.energy -= 1;
    const here = sheepAt[w.y * p.side + w.x];
    if (here.length > 0) {
      const prey = here[randInt(here.length)];
      prey.alive = false;
      removeFrom(here, prey);
      w.energy += WOLF_GAIN;
    }
    if (w.energy < 0) w.alive = false;
    else if (Math.random() < p.wolfRepro) {
      w.energy /= 2;
      wolves.push(animal(w.x, w.y, w.energy));
    }
  }
  return {
    step() {
      let order = sheep.slice(); // newborns are appended to `sheep`, not to this step's order
      shuffle(order);
      for (const s of order) if (s.alive) sheepStep(s);
      order = wolves.slice();
      shuffle(order);
      for (const w of order) if (w.alive) wolfStep(w);
      for (let c = 0; c < cells; c++) {
        if (!grown[c] && --countdown[c] <= 0) grown[c] = 1;
      }
      sheep = sheep.filter((s) => s.alive);
      wolves = wolves.filter((w) => w.alive);
    },
    check: () => ({ sheep: sheep.length, wolves: wolves.length, grass: grown.reduce((a, b) => a + b, 0) }),
  };
}

// Flocking: a continuous torus; each bird steers by its neighbours within the visual distance (cohere, separate,
// match), keeps a unit velocity and moves by its speed. Random activation order each step; a bird sees the others'
// positions and velocities as they are now. Birds are kept in buckets at least `visual` wide, so a query reads 9.
function flocking(p) {
  const n = p.birds, W = p.side;
  const x = new Float64Array(n), y = new Float64Array(n), vx = new Float64Array(n), vy = new Float64Array(n);
  const cols = Math.max(1, Math.floor(W / p.visual)), width = W / cols;
  const buckets = Array.from({ length: cols * cols }, () => []), bucketOf = new Int32Array(n);
  const bucket = (i) => Math.min(cols - 1, Math.floor(y[i] / width)) * cols + Math.min(cols - 1, Math.floor(x[i] / width));
  for (let i = 0; i < n; i++) {
    x[i] = Math.random() * W;
    y[i] = Math.random() * W;
    const a = Math.random() * 2 - 1, b = Math.random() * 2 - 1, norm = Math.hypot(a, b);
    vx[i] = a / norm;
    vy[i] = b / norm;
    bucketOf[i] = bucket(i);
    buckets[bucketOf[i]].push(i);
  }
  const wrap = (d) => d - W * Math.round(d / W); // the shortest difference on the torus
  const mod = (v) => { const m = ((v % W) + W) % W; return m >= W ? 0 : m; };
  const around = cols >= 3 ? [-1, 0, 1] : [0]; // with fewer than 3 columns, one bucket is all of them
  const r2 = p.visual * p.visual, sep2 = SEPARATION * SEPARATION;
  const birds = Int32Array.from({ length: n }, (_, i) => i);
  function birdStep(i) {
    let count = 0, cx = 0, cy = 0, sx = 0, sy = 0, mx = 0, my = 0;
    const bx = bucketOf[i] % cols, by = Math.floor(bucketOf[i] / cols);
    for (const oy of around) {
      for (const ox of around) {
        for (const j of buckets[((by + oy + cols) % cols) * cols + (bx + ox + cols) % cols]) {
          if (j === i) continue;
          const dx = wrap(x[j] - x[i]), dy = wrap(y[j] - y[i]), d2 = dx * dx + dy * dy;
          if (d2 > r2) continue;
          count++;
          cx += dx; cy += dy;
          mx += vx[j]; my += vy[j];
          if (d2 < sep2) { sx -= dx; sy -= dy; }
        }
      }
    }
    count = Math.max(count, 1);
    let ux = vx[i] + (cx * COHERE + sx * SEPARATE + mx * MATCH) / count;
    let uy = vy[i] + (cy * COHERE + sy * SEPARATE + my * MATCH) / count;
    const norm = Math.hypot(ux, uy);
    vx[i] = ux / norm;
    vy[i] = uy / norm;
    x[i] = mod(x[i] + vx[i] * SPEED);
    y[i] = mod(y[i] + vy[i] * SPEED);
    const b = bucket(i);
    if (b !== bucketOf[i]) {
      removeFrom(buckets[bucketOf[i]], i);
      buckets[b].push(i);
      bucketOf[i] = b;
    }
  }
  return {
    step() {
      shuffle(birds);
      for (const i of birds) birdStep(i);
    },
    check() { // polarisation: length of the mean velocity, 1 when all fly one way
      let sx = 0, sy = 0;
      for (let i = 0; i < n; i++) { sx += vx[i]; sy += vy[i]; }
      return { polarisation: Math.hypot(sx, sy) / n };
    },
  };
}

const build = { schelling, wolfsheep, flocking }[model];
const p = PARAMS[model][size];
const now = () => Number(process.hrtime.bigint()) / 1e6;

function runOnce() {
  const t0 = now();
  const m = build(p);
  const t1 = now();
  for (let s = 0; s < p.steps; s++) m.step();
  const t2 = now();
  return { setup: t1 - t0, steps: t2 - t1, check: m.check() };
}

let warm = 0;
for (let r = 0; r < warmupRuns; r++) {
  const o = runOnce();
  warm += o.setup + o.steps;
}
const blocks = [], setups = [], check = {};
for (let r = 0; r < runs; r++) {
  const o = runOnce();
  blocks.push(o.steps);
  setups.push(o.setup);
  for (const k in o.check) check[k] = (check[k] || 0) + o.check[k] / runs;
}
const agents = p.agents ?? p.birds ?? p.sheep + p.wolves;
console.log(JSON.stringify({ warmup_ms: warm, block_ms: blocks, setup_ms: setups, steps: p.steps, agents, check }));
