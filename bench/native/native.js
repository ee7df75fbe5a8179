// The bench workloads written by hand for Node.js: no framework, an array of entities, an object per state,
// one inbox array per entity per tick.
// usage: node native.js WORKLOAD N WARMUP_TICKS BLOCKS TICKS_PER_BLOCK   -> one JSON line on stdout
const [workload, n, warmup, blocks, per] = [process.argv[2], ...process.argv.slice(3).map(Number)];
const WORK = 1000, FANOUT = 10;

const states = [], inbox = [];
let nextInbox = [];
for (let i = 0; i < n; i++) {
  states.push(workload === "wealth" ? { wealth: 1 } : workload === "compute" ? { x: 0.3, acc: 0 } : { sum: 0 });
  nextInbox.push([]);
}
const send = (from, to, kind, content) => nextInbox[to].push({ from, kind, content });
const randomInt = (lo, hi) => lo + Math.floor(Math.random() * (hi - lo + 1));

const updates = {
  wealth(i, s, msgs) {
    for (const m of msgs) s.wealth += m.content;
    if (s.wealth > 0) {
      s.wealth -= 1;
      send(i, randomInt(0, n - 1), "coin", 1);
    }
  },
  compute(i, s, msgs) {
    let x = s.x, acc = s.acc;
    for (let k = 0; k < WORK; k++) {
      x = 3.9 * x * (1 - x);
      acc = acc + x * x;
    }
    s.x = x;
    s.acc = acc;
  },
  chatter(i, s, msgs) {
    for (const m of msgs) s.sum += m.content;
    for (let k = 1; k <= FANOUT; k++) send(i, randomInt(0, n - 1), "ping", k);
  },
};
const update = updates[workload];

function tick() {
  const current = nextInbox;
  nextInbox = [];
  for (let i = 0; i < n; i++) nextInbox.push([]);
  for (let i = 0; i < n; i++) update(i, states[i], current[i]);
}

function run(ticks) {
  const t0 = process.hrtime.bigint();
  for (let t = 0; t < ticks; t++) tick();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

const warm = run(warmup);
const times = [];
for (let b = 0; b < blocks; b++) times.push(run(per));
let check = 0;
for (let i = 0; i < n; i++) {
  const s = states[i];
  check += workload === "wealth" ? s.wealth : workload === "compute" ? s.x : s.sum;
  for (const m of nextInbox[i]) check += m.content;
}
console.log(JSON.stringify({ warmup_ms: warm, block_ms: times, check }));
