# wealth: Boltzmann exchange; every entity with wealth gives one unit to a random entity each tick
def update(e, inbox):
    s = e.state
    for m in inbox:
        s["wealth"] += m["content"]
    if s["wealth"] > 0:
        s["wealth"] -= 1
        e.send("agent-%d" % e.random(1, e.params["n"]), "coin", 1)
