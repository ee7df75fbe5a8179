package org.polysim.engine;

import tools.jackson.databind.node.ObjectNode;

/** The tick count and the generator of the random schedule: both move once per tick, both go back on rollback. */
final class Clock implements Part {

    final double dt;
    long tick;
    final Rng schedule;

    private long startTick;
    private long startSchedule;

    Clock(double dt, long tick, Rng schedule) {
        this.dt = dt;
        this.tick = tick;
        this.schedule = schedule;
    }

    /** Step 1 of a tick: time moves on by dt. */
    void advance() {
        tick++;
    }

    double time() {
        return tick * dt;
    }

    @Override
    public void begin() {
        startTick = tick;
        startSchedule = schedule.state;
    }

    @Override
    public void rollback() {
        tick = startTick;
        schedule.state = startSchedule;
    }

    @Override
    public void write(ObjectNode snapshot) {
        snapshot.set("time", Numbers.node(time()));
        snapshot.put("rng", schedule.state);
    }
}
