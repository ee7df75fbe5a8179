# Flocking (ABMFrameworksComparison): each bird steers by the birds within visual_distance (cohere towards them,
# separate from the closest, match their heading), keeps a unit velocity (state vx, vy) and moves by speed on the
# torus. width and height in params repeat the space's, for the shortest differences across its edges.
import math


def wrap(d, size):
    return d - size * math.floor(d / size + 0.5)


def init(e):
    vx, vy = e.random() * 2 - 1, e.random() * 2 - 1
    norm = math.sqrt(vx * vx + vy * vy)
    e.state["vx"], e.state["vy"] = vx / norm, vy / norm


def update(e, inbox):
    p, s = e.params, e.state
    x, y = e.x, e.y
    sep2 = p["separation"] * p["separation"]
    n, cx, cy, sx, sy, mx, my = 0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0
    for other in e.nearby(p["visual_distance"]):
        dx, dy = wrap(other["x"] - x, p["width"]), wrap(other["y"] - y, p["height"])
        n += 1
        cx += dx
        cy += dy
        mx += other["state"]["vx"]
        my += other["state"]["vy"]
        if dx * dx + dy * dy < sep2:
            sx -= dx
            sy -= dy
    n = max(n, 1)
    vx = s["vx"] + (cx * p["cohere_factor"] + sx * p["separate_factor"] + mx * p["match_factor"]) / n
    vy = s["vy"] + (cy * p["cohere_factor"] + sy * p["separate_factor"] + my * p["match_factor"]) / n
    norm = math.sqrt(vx * vx + vy * vy)
    s["vx"], s["vy"] = vx / norm, vy / norm
    e.move(x + s["vx"] * p["speed"], y + s["vy"] * p["speed"])
