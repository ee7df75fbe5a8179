package org.polysim.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.polysim.engine.World;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One benchmark case in this JVM, which {@link Bench} starts fresh for every case so that no case inherits another's
 * JIT profile or heap. Prints one line, {@code RESULT <json>}, on stdout.
 *
 * <p>usage: {@code CaseRun LANGUAGE WORKLOAD N WARMUP_TICKS BLOCKS TICKS_PER_BLOCK SCRIPTS_DIR [--memory]}
 *
 * <p>The tick figures: the warm-up ticks are timed as one block and reported apart; then {@code BLOCKS} blocks of
 * {@code TICKS_PER_BLOCK} ticks are timed one by one (the "runs" whose median, min and max the report gives). With
 * {@code --memory} it also measures the heap each entity costs, world creation, snapshot and copy.
 */
public final class CaseRun {

    private CaseRun() {}

    public static void main(String[] args) throws Exception {
        String language = args[0];
        Workload workload = Workload.of(args[1]);
        int n = Integer.parseInt(args[2]);
        int warmup = Integer.parseInt(args[3]);
        int blocks = Integer.parseInt(args[4]);
        int perBlock = Integer.parseInt(args[5]);
        Path scripts = Path.of(args[6]);
        boolean memory = args.length > 7 && args[7].equals("--memory");

        ObjectNode out = Workload.JSON.createObjectNode();
        out.put("language", language).put("workload", workload.id()).put("n", n);
        if (memory) {
            memory(language, workload, n, scripts, warmup, blocks, perBlock, out);
        } else {
            long t = System.nanoTime();
            World world = World.create(workload.world(language, n, scripts), null, "w");
            out.put("create_ms", ms(t));
            run(world, workload, warmup, blocks, perBlock, out);
            world.close();
        }
        System.out.println("RESULT " + out);
        System.exit(0); // Graal's compiler threads need not finish their queue
    }

    /**
     * Heap per entity as the slope between a world of n/10 and one of n entities, each after one tick (so every
     * state is its own and the language has seen every entity): what one more entity costs, without the world's
     * fixed costs (a guest context is megabytes). A one-entity world comes first, so the language's shared engine
     * and the classes are loaded before anything is measured.
     */
    private static void memory(String language, Workload workload, int n, Path scripts, int warmup, int blocks,
                               int perBlock, ObjectNode out) throws Exception {
        long t = System.nanoTime();
        World first = World.create(workload.world(language, 1, scripts), null, "first");
        out.put("first_world_ms", ms(t));
        out.put("state_bytes", stateBytes(workload, n));
        int small = n / 10;
        long before = usedAfterGc();
        World smallWorld = World.create(workload.world(language, small, scripts), null, "small");
        smallWorld.advance(1);
        long smallBytes = usedAfterGc() - before;
        before = usedAfterGc();
        t = System.nanoTime();
        World world = World.create(workload.world(language, n, scripts), null, "w");
        out.put("create_ms", ms(t));
        world.advance(1);
        long bigBytes = usedAfterGc() - before;
        out.put("entity_bytes", (bigBytes - smallBytes) / (double) (n - small));
        out.put("world_fixed_bytes", smallBytes - small * (bigBytes - smallBytes) / (double) (n - small));
        smallWorld.close();
        run(world, workload, warmup, blocks, perBlock, out);
        snapshotAndCopy(world, out);
        world.close();
        first.close();
    }

    private static void run(World world, Workload workload, int warmup, int blocks, int perBlock, ObjectNode out)
            throws Exception {
        long t = System.nanoTime();
        world.advance(warmup);
        out.put("warmup_ms", ms(t)).put("warmup_ticks", warmup).put("ticks_per_block", perBlock);
        ArrayNode times = out.putArray("block_ms");
        // the main thread's CPU time as well: on a shared machine, time stolen by neighbours inflates wall time only
        ArrayNode cpu = out.putArray("block_cpu_ms");
        var threads = ManagementFactory.getThreadMXBean();
        for (int b = 0; b < blocks; b++) {
            t = System.nanoTime();
            long c = threads.getCurrentThreadCpuTime();
            world.advance(perBlock);
            times.add(ms(t));
            cpu.add((threads.getCurrentThreadCpuTime() - c) / 1e6);
        }
        out.put("check", workload.check(world));
    }

    private static void snapshotAndCopy(World world, ObjectNode out) throws Exception {
        ArrayNode snapshots = out.putArray("snapshot_ms");
        ArrayNode copies = out.putArray("copy_ms");
        for (int i = 0; i < 5; i++) {
            long t = System.nanoTime();
            world.snapshot();
            snapshots.add(ms(t));
            t = System.nanoTime();
            World copy = world.copy("copy");
            copies.add(ms(t));
            copy.close();
        }
    }

    /** Heap bytes one copy of the workload's initial state takes, the part of an entity that is its own data. */
    private static double stateBytes(Workload workload, int n) {
        long before = usedAfterGc();
        List<ObjectNode> states = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            states.add(workload.initialState());
        }
        double bytes = (usedAfterGc() - before) / (double) n;
        states.clear();
        return bytes;
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static double ms(long startNanos) {
        return Math.round((System.nanoTime() - startNanos) / 1e4) / 100.0;
    }
}
