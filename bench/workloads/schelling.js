// Schelling segregation (ABMFrameworksComparison): an agent's group is its script (red or blue, both this file), so
// the neighbours of its own group within the radius are one query. An unhappy agent moves to a random free cell.
function update(e, inbox) {
  const p = e.params;
  if (e.near(p.radius, e.script).length >= p.min_to_be_happy) {
    e.state.happy = true;
  } else {
    e.state.happy = false;
    const cell = e.free();
    if (cell) e.move(cell[0], cell[1]);
  }
}
