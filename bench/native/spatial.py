"""The three models of the ABMFrameworksComparison benchmark (github.com/JuliaDynamics/ABMFrameworksComparison, each
model's DECLARATION.md) written by hand for CPython: no framework, the model's own lists, the random module. The same
rules as spatial.js, line for line (bench/README.md).
usage: python3 spatial.py MODEL SIZE WARMUP_RUNS RUNS   (MODEL schelling|wolfsheep|flocking, SIZE small|large)
Prints one JSON line: warmup_ms (all warm-up runs, setup included), block_ms (the steps of each timed run, setup
excluded), setup_ms, steps, agents, and check (end-of-run check values averaged over the timed runs)."""
import json
import math
import random
import sys
import time

PARAMS = {
    "schelling": {
        "small": dict(side=40, agents=1000, radius=1, min_happy=3, steps=20),
        "large": dict(side=100, agents=8000, radius=2, min_happy=8, steps=20),
    },
    "wolfsheep": {
        "small": dict(side=25, sheep=60, wolves=40, regrowth=20, sheep_repro=0.2, wolf_repro=0.1, steps=100),
        "large": dict(side=100, sheep=1000, wolves=500, regrowth=10, sheep_repro=0.4, wolf_repro=0.2, steps=100),
    },
    "flocking": {
        "small": dict(side=100, birds=200, visual=5.0, steps=100),
        "large": dict(side=150, birds=400, visual=15.0, steps=100),
    },
}
SHEEP_GAIN, WOLF_GAIN = 5, 13
SPEED, COHERE, SEPARATION, SEPARATE, MATCH = 1.0, 0.03, 1.0, 0.015, 0.05


def remove_from(items, item):
    """Order in a cell does not matter: swap with the last."""
    k = items.index(item)
    items[k] = items[-1]
    items.pop()


class Schelling:
    """A bounded grid, one agent per cell; an agent with fewer than min_happy neighbours of its group within
    Chebyshev radius moves to a random empty cell. Random activation order each step."""

    def __init__(self, p):
        self.p = p
        side, cells, agents = p["side"], p["side"] ** 2, p["agents"]
        self.at = [-1] * cells  # agent on each cell, or -1
        order = list(range(cells))
        random.shuffle(order)  # the first `agents` cells get the agents, the rest stay empty
        self.empty = order[agents:]  # a random empty cell is one draw from this list
        self.ax = [c % side for c in order[:agents]]
        self.ay = [c // side for c in order[:agents]]
        for i, c in enumerate(order[:agents]):
            self.at[c] = i
        self.group = [0 if i < agents / 2 else 1 for i in range(agents)]
        self.happy = [False] * agents
        self.agents = list(range(agents))

    def step(self):
        p, at, ax, ay, group, happy, empty = self.p, self.at, self.ax, self.ay, self.group, self.happy, self.empty
        side, r, min_happy, n_empty = p["side"], p["radius"], p["min_happy"], len(self.empty)
        random.shuffle(self.agents)
        for i in self.agents:
            same, g = 0, group[i]
            xs = range(max(0, ax[i] - r), min(side - 1, ax[i] + r) + 1)
            for y in range(max(0, ay[i] - r), min(side - 1, ay[i] + r) + 1):
                row = y * side
                for x in xs:
                    j = at[row + x]
                    if j >= 0 and j != i and group[j] == g:
                        same += 1
            if same >= min_happy:
                happy[i] = True
            else:
                happy[i] = False
                k = random.randrange(n_empty)
                to, frm = empty[k], ay[i] * side + ax[i]
                empty[k] = frm
                at[frm], at[to] = -1, i
                ax[i], ay[i] = to % side, to // side

    def check(self):
        return {"happy": sum(self.happy) / self.p["agents"]}


class Animal:
    __slots__ = ("x", "y", "energy", "alive")

    def __init__(self, x, y, energy):
        self.x, self.y, self.energy, self.alive = x, y, energy, True


DX, DY = (-1, 0, 1, -1, 1, -1, 0, 1), (-1, -1, -1, 0, 0, 1, 1, 1)


class WolfSheep:
    """A bounded grid, any number of animals per cell, grass as two lists (grown, countdown). Each step: all sheep in
    random order, then all wolves in random order, then the grass. Offspring join at their parent's cell and act
    from the next step."""

    def __init__(self, p):
        self.p = p
        side = p["side"]
        cells = side * side
        self.sheep_at = [[] for _ in range(cells)]  # wolves look for sheep by cell
        self.sheep, self.wolves = [], []
        for _ in range(p["sheep"]):
            self.add_sheep(Animal(random.randrange(side), random.randrange(side), random.randint(1, 2 * SHEEP_GAIN)))
        for _ in range(p["wolves"]):
            self.wolves.append(Animal(random.randrange(side), random.randrange(side), random.randint(1, 2 * WOLF_GAIN)))
        self.grown, self.countdown = [False] * cells, [0] * cells
        for c in range(cells):
            if random.random() < 0.5:
                self.grown[c] = True
            else:
                self.countdown[c] = random.randint(1, p["regrowth"])

    def add_sheep(self, s):
        self.sheep.append(s)
        self.sheep_at[s.y * self.p["side"] + s.x].append(s)

    def walk(self, a):
        """One of the 8 neighbouring cells inside the grid, uniformly (draws again at an edge)."""
        side = self.p["side"]
        while True:
            k = random.randrange(8)
            x, y = a.x + DX[k], a.y + DY[k]
            if 0 <= x < side and 0 <= y < side:
                a.x, a.y = x, y
                return

    def sheep_step(self, s):
        side = self.p["side"]
        remove_from(self.sheep_at[s.y * side + s.x], s)
        self.walk(s)
        c = s.y * side + s.x
        here = self.sheep_at[c]
        here.append(s)
        s.energy -= 1
        if self.grown[c]:
            s.energy += SHEEP_GAIN
            self.grown[c], self.countdown[c] = False, self.p["regrowth"]
        if s.energy < 1:
            s.alive = False
            remove_from(here, s)
        elif random.random() < self.p["sheep_repro"]:
            s.energy /= 2
            self.add_sheep(Animal(s.x, s.y, s.energy))

    def wolf_step(self, w):
        self.walk(w)
        w.energy -= 1
        here = self.sheep_at[w.y * self.p["side"] + w.x]
        if here:
            prey = here[random.randrange(len(here))]
            prey.alive = False
            remove_from(here, prey)
            w.energy += WOLF_GAIN
        if w.energy < 0:
            w.alive = False
        elif random.random() < self.p["wolf_repro"]:
            w.energy /= 2
            self.wolves.append(Animal(w.x, w.y, w.energy))

    def step(self):
        order = self.sheep[:]  # newborns are appended to self.sheep, not to this step's order
        random.shuffle(order)
        for s in order:
            if s.alive:
                self.sheep_step(s)
        order = self.wolves[:]
        random.shuffle(order)
        for w in order:
            if w.alive:
                self.wolf_step(w)
        grown, countdown = self.grown, self.countdown
        for c in range(len(grown)):
            if not grown[c]:
                countdown[c] -= 1
                if countdown[c] <= 0:
                    grown[c] = True
        self.sheep = [s for s in self.sheep if s.alive]
        self.wolves = [w for w in self.wolves if w.alive]

    def check(self):
        return {"sheep": len(self.sheep), "wolves": len(self.wolves), "grass": sum(self.grown)}


class Flocking:
    """A continuous torus; each bird steers by its neighbours within the visual distance (cohere, separate, match),
    keeps a unit velocity and moves by its speed. Random activation order each step; a bird sees the others'
    positions and velocities as they are now. Birds are kept in buckets at least `visual` wide, so a query reads 9."""

    def __init__(self, p):
        self.p = p
        n, w = p["birds"], p["side"]
        self.cols = max(1, int(w // p["visual"]))
        self.width = w / self.cols
        self.buckets = [[] for _ in range(self.cols * self.cols)]
        self.x, self.y, self.vx, self.vy, self.bucket_of = [], [], [], [], []
        for i in range(n):
            self.x.append(random.random() * w)
            self.y.append(random.random() * w)
            a, b = random.random() * 2 - 1, random.random() * 2 - 1
            norm = math.hypot(a, b)
            self.vx.append(a / norm)
            self.vy.append(b / norm)
            self.bucket_of.append(self.bucket(i))
            self.buckets[self.bucket_of[i]].append(i)
        self.around = (-1, 0, 1) if self.cols >= 3 else (0,)  # with fewer than 3 columns, one bucket is all
        self.birds = list(range(n))

    def bucket(self, i):
        cols, width = self.cols, self.width
        return min(cols - 1, int(self.y[i] // width)) * cols + min(cols - 1, int(self.x[i] // width))

    def bird_step(self, i):
        x, y, vx, vy, w, cols = self.x, self.y, self.vx, self.vy, self.p["side"], self.cols
        r2, sep2 = self.p["visual"] ** 2, SEPARATION ** 2
        count, cx, cy, sx, sy, mx, my = 0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0
        xi, yi = x[i], y[i]
        bx, by = self.bucket_of[i] % cols, self.bucket_of[i] // cols
        for oy in self.around:
            for ox in self.around:
                for j in self.buckets[((by + oy) % cols) * cols + (bx + ox) % cols]:
                    if j == i:
                        continue
                    dx, dy = x[j] - xi, y[j] - yi
                    dx -= w * math.floor(dx / w + 0.5)  # the shortest difference on the torus
                    dy -= w * math.floor(dy / w + 0.5)
                    d2 = dx * dx + dy * dy
                    if d2 > r2:
                        continue
                    count += 1
                    cx += dx
                    cy += dy
                    mx += vx[j]
                    my += vy[j]
                    if d2 < sep2:
                        sx -= dx
                        sy -= dy
        count = max(count, 1)
        ux = vx[i] + (cx * COHERE + sx * SEPARATE + mx * MATCH) / count
        uy = vy[i] + (cy * COHERE + sy * SEPARATE + my * MATCH) / count
        norm = math.hypot(ux, uy)
        vx[i], vy[i] = ux / norm, uy / norm
        x[i], y[i] = (xi + vx[i] * SPEED) % w, (yi + vy[i] * SPEED) % w
        if x[i] >= w:  # a tiny negative number modulo w rounds to w
            x[i] = 0.0
        if y[i] >= w:
            y[i] = 0.0
        b = self.bucket(i)
        if b != self.bucket_of[i]:
            remove_from(self.buckets[self.bucket_of[i]], i)
            self.buckets[b].append(i)
            self.bucket_of[i] = b

    def step(self):
        random.shuffle(self.birds)
        for i in self.birds:
            self.bird_step(i)

    def check(self):
        """Polarisation: length of the mean velocity, 1 when all fly one way."""
        return {"polarisation": math.hypot(sum(self.vx), sum(self.vy)) / len(self.vx)}


def run_once(build, p):
    t0 = time.perf_counter()
    m = build(p)
    t1 = time.perf_counter()
    for _ in range(p["steps"]):
        m.step()
    t2 = time.perf_counter()
    return (t1 - t0) * 1000, (t2 - t1) * 1000, m.check()


def main():
    model, size, warmup_runs, runs = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    build = {"schelling": Schelling, "wolfsheep": WolfSheep, "flocking": Flocking}[model]
    p = PARAMS[model][size]
    warm = sum(sum(run_once(build, p)[:2]) for _ in range(warmup_runs))
    blocks, setups, check = [], [], {}
    for _ in range(runs):
        setup, steps, c = run_once(build, p)
        blocks.append(steps)
        setups.append(setup)
        for k, v in c.items():
            check[k] = check.get(k, 0) + v / runs
    agents = p.get("agents") or p.get("birds") or p["sheep"] + p["wolves"]
    print(json.dumps({"warmup_ms": warm, "block_ms": blocks, "setup_ms": setups, "steps": p["steps"],
                      "agents": agents, "check": check}))


main()
