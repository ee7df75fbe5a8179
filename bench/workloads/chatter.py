# chatter: many small messages; each entity sends params.fanout numbers a tick and sums what it receives
def update(e, inbox):
    s = e.state
    for m in inbox:
        s["sum"] += m["content"]
    n = e.params["n"]
    for k in range(1, e.params["fanout"] + 1):
        e.send("agent-%d" % e.random(1, n), "ping", k)
