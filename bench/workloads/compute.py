# compute: arithmetic dominates (a logistic map iterated params.work times per tick)
def update(e, inbox):
    s = e.state
    x, acc = s["x"], s["acc"]
    for _ in range(e.params["work"]):
        x = 3.9 * x * (1 - x)
        acc = acc + x * x
    s["x"] = x
    s["acc"] = acc
