# Schelling segregation (ABMFrameworksComparison): an agent's group is its script (red or blue, both this file), so
# the neighbours of its own group within the radius are one query. An unhappy agent moves to a random free cell.
def update(e, inbox):
    p = e.params
    if len(e.near(p["radius"], e.script)) >= p["min_to_be_happy"]:
        e.state["happy"] = True
    else:
        e.state["happy"] = False
        cell = e.free()
        if cell:
            e.move(cell[0], cell[1])
