# Wolf-sheep-grass (ABMFrameworksComparison). sheep, wolf and meadow are three scripts of this file. Grass is the
# layer "grass": a cell's value counts the ticks its grass has grown (regrow 1 per tick, up to regrowth_time), so it
# is fully grown at regrowth_time and eating it takes it back to 0. The meadow entity sets every cell's starting
# grass in its init and leaves on its first update.
STEPS = ((-1, -1), (0, -1), (1, -1), (-1, 0), (1, 0), (-1, 1), (0, 1), (1, 1))


def walk(e, p):
    """One of the 8 neighbouring cells inside the grid, uniformly (draws again at an edge); returns the new cell."""
    while True:
        dx, dy = STEPS[e.random(0, 7)]
        x, y = e.x + dx, e.y + dy
        if 0 <= x < p["width"] and 0 <= y < p["height"]:
            e.move(x, y)
            return x, y


def sheep(e, p):
    s = e.state
    x, y = walk(e, p)
    s["energy"] -= 1
    if e.layer("grass", x, y) >= p["regrowth_time"]:
        e.take("grass", p["regrowth_time"], x, y)
        s["energy"] += p["sheep_gain"]
    if s["energy"] < 1:
        e.destroy()
    elif e.random() < p["sheep_reproduce"]:
        s["energy"] /= 2
        e.spawn("sheep", {"energy": s["energy"]})


def wolf(e, p):
    s = e.state
    walk(e, p)
    s["energy"] -= 1
    prey = e.near(0, "sheep")
    if prey and e.destroy(prey[e.random(0, len(prey) - 1)]):
        s["energy"] += p["wolf_gain"]
    if s["energy"] < 0:
        e.destroy()
    elif e.random() < p["wolf_reproduce"]:
        s["energy"] /= 2
        e.spawn("wolf", {"energy": s["energy"]})


def init(e):
    p = e.params
    if e.script == "meadow":  # half the cells fully grown, the others 1 to regrowth_time ticks from it
        for x in range(p["width"]):
            for y in range(p["height"]):
                if e.random() >= 0.5:
                    e.take("grass", e.random(1, p["regrowth_time"]), x, y)
    elif "energy" not in e.state:  # the first animals; offspring arrive with their energy
        gain = p["sheep_gain"] if e.script == "sheep" else p["wolf_gain"]
        e.state["energy"] = e.random(1, 2 * gain)


def update(e, inbox):
    if e.script == "sheep":
        sheep(e, e.params)
    elif e.script == "wolf":
        wolf(e, e.params)
    else:
        e.destroy()
