package org.polysim.engine;

import tools.jackson.databind.node.ObjectNode;

/** The tick count and the generator of the random schedule: both move once per tick, both go back on rollback. */
final class Clock implements Part {

    final double dt;
    long tick;
    final Rng schedule;

    private static final String TIME = "time";
    private static final String RNG = "rng";

    /**
     * What a world file says of the clock.
     *
     * @param tick        null for a fresh world (its entities get {@code init}); the snapshot's tick otherwise
     * @param scheduleRng null for a generator derived from the world's seed
     */
    record Saved(Long tick, Long scheduleRng) {
    }

    static Saved read(ObjectNode top, double dt) {
        Long tick = null;
        if (top.has(TIME)) {
            double time = WorldSchema.FIELDS.optDouble(top, TIME, 0, "");
            if (time < 0) {
                throw new WorldFileException(TIME, "must be >= 0, got " + time);
            }
            tick = Math.round(time / dt);
        }
        return new Saved(tick, top.has(RNG) ? WorldSchema.FIELDS.optLong(top, RNG, 0, "") : null);
    }

    Clock(double dt, long seed, Saved saved) {
        this(dt, saved.tick() == null ? 0 : saved.tick(),
                saved.scheduleRng() != null ? new Rng(saved.scheduleRng()) : Rng.derive(seed, "\0schedule"));
    }

    private long startTick;
    private long startSchedule;

    private Clock(double dt, long tick, Rng schedule) {
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
        snapshot.set(TIME, Numbers.node(time()));
        snapshot.put(RNG, schedule.state);
    }
}
