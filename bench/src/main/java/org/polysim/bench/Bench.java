package org.polysim.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code ./polysim bench}: runs every case, each in a fresh process, one at a time (the machine's cores are not
 * shared between cases), and writes the report. Progress goes to stderr.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark polysim against plain Java and each language's own runtime; writes bench/RESULTS.md.")
public final class Bench implements Callable<Integer> {

    /** polysim languages in report order; "java" is the floor. */
    static final List<String> LANGUAGES = List.of("java", "lua", "js", "python");
    /** Native runtimes: name, command prefix, program file under bench/native. */
    static final List<Native> NATIVES = List.of(new Native("lua5.4", "lua5.4", "native.lua"),
            new Native("luajit", "luajit", "native.lua"), new Native("node", "node", "native.js"),
            new Native("cpython", "python3", "native.py"));

    record Native(String name, String command, String program) {
        /** The spatial models' program for this runtime: {@code spatial.<ext>} beside {@link #program}. */
        String spatialProgram() {
            return "spatial" + program.substring(program.lastIndexOf('.'));
        }
    }

    /**
     * The latency part's calls per server: untimed ones first (polysim's JIT needs a few thousand calls before its
     * round trip settles), then blocks of timed calls alternating between the servers.
     */
    static final int LATENCY_WARMUP = 3000;
    static final int LATENCY_BLOCKS = 20;
    static final int LATENCY_PER_BLOCK = 250;

    /** Ticks per size: warm-up, then blocks of ticks timed one by one. */
    record Plan(int n, int warmup, int blocks, int perBlock) {
        static Plan of(int n) {
            return n <= 1_000 ? new Plan(n, 200, 5, 20) : n <= 10_000 ? new Plan(n, 60, 5, 5) : new Plan(n, 8, 3, 2);
        }

        /**
         * Graal's JIT on two cores needs millions of updates before its compilations settle: at 1k entities,
         * 200 warm-up ticks left JavaScript wealth at 25 ms/tick where 1000 give 5, and at 10k 60 ticks left it at
         * 139 where 100 give 40 to 60 (bench/README.md). Since a tick updates a script's entities in one guest call,
         * 100 ticks at 10k left it between 40 and 100 ms/tick for blocks on end where 300 give 23 to 29. JavaScript
         * and Python warm up for three million updates.
         */
        Plan forLanguage(String language) {
            boolean jit = language.equals("js") || language.equals("python");
            return jit ? new Plan(n, Math.max(warmup, Math.ceilDiv(3_000_000, n)), blocks, perBlock) : this;
        }
    }

    @Option(names = "--root", description = "The polysim checkout (default: the current directory).")
    Path root = Path.of("");

    @Option(names = "--sizes", split = ",", description = "Entity counts of the ticks part (default: 1000,10000,"
            + "100000) and sizes of the spatial part (small, large; default both), in one list.")
    List<String> sizes = List.of();

    @Option(names = "--workloads", split = ",", description = "Workloads of the ticks part (wealth, compute, "
            + "chatter) and models of the spatial part (schelling, wolfsheep, flocking), in one list (default: all).")
    List<String> workloads = List.of("wealth", "compute", "chatter", "schelling", "wolfsheep", "flocking");

    @Option(names = "--python-max", description = "Largest size for Python, polysim and CPython (default: 10000).")
    int pythonMax = 10_000;

    @Option(names = "--parts", split = ",", description = "What to measure (default: ticks,spatial,memory,boundary,"
            + "mcp,autosave,latency,sweep,coldpython,sizes,typical,steady,network; none, with --reuse, renders the report "
            + "again from it).")
    List<String> parts = PARTS;

    static final List<String> PARTS = List.of("ticks", "spatial", "memory", "boundary", "mcp", "autosave", "latency",
            "sweep", "coldpython", "sizes", "typical", "steady", "network");

    /**
     * Issue 24's steady state: a 10k wealth world's ticks 200 to 400 in a fresh process, what a user's
     * {@code polysim run} of a few hundred ticks meets, without the ticks part's millions of warm-up updates.
     */
    static final Plan STEADY = new Plan(10_000, 200, 4, 50);

    /** The steady part's pairs, each language beside its own runtime. */
    static final List<List<String>> STEADY_PAIRS = List.of(List.of("lua", "lua5.4"), List.of("js", "node"),
            List.of("python", "cpython"));

    @Option(names = "--out", description = "Report file (default: bench/RESULTS.md under --root).")
    Path out;

    @Option(names = "--reuse", description = "The results.json of an earlier run: the parts not measured now are "
            + "taken from it, and the report says which parts came from which run (to redo one part without the "
            + "rest's 45 minutes; every ratio still divides figures of one run).")
    Path reuse;

    @Option(names = "--compare", description = "The results.json of a run of another build (say, a worktree of the "
            + "commit before a change, measured with --root): the report sets this run's ticks beside its ticks; kept "
            + "in results.json, so a later --reuse keeps the section.")
    Path compare;

    @Option(names = "--compare-about", description = "What --compare's run was, for the report (default: its "
            + "\"about\" field).")
    String compareAbout;

    @Option(names = "--before", description = "The results.json of an earlier run to set issue 12's targets "
            + "against (default: bench/before-issue-12.json, the last ticks run before issue 12's work); an \"about\" "
            + "field in it says what run it is.")
    Path before;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Bench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        List<String> unknown = parts.stream().filter(p -> !PARTS.contains(p) && !p.equals("none")).toList();
        if (!unknown.isEmpty() || (parts.contains("none") && reuse == null)) {
            throw new CommandLine.ParameterException(new CommandLine(this), unknown.isEmpty()
                    ? "--parts none renders the report again from --reuse's results; give --reuse"
                    : "unknown part " + String.join(", ", unknown) + "; parts are " + String.join(", ", PARTS)
                    + ", or none with --reuse");
        }
        Path dir = root.toAbsolutePath().normalize();
        Path scripts = dir.resolve("bench/workloads");
        Results results = new Results();
        for (String w : parts.contains("ticks") ? tickWorkloads() : List.<String>of()) {
            for (int n : tickSizes()) {
                Plan plan = Plan.of(n);
                for (String language : LANGUAGES) {
                    if (!language.equals("python") || n <= pythonMax) {
                        results.ticks.add(run(caseCommand(language, w, plan.forLanguage(language), scripts, false),
                                language, w, plan.forLanguage(language)));
                    }
                }
                results.ticks.add(run(luajCommand(dir, w, plan), "luaj", w, plan));
                for (Native nat : NATIVES) {
                    if (!nat.name().equals("cpython") || n <= pythonMax) {
                        results.ticks.add(run(nativeCommand(dir, nat, w, plan), nat.name(), w, plan));
                    }
                }
            }
        }
        for (SpatialModel model : parts.contains("spatial") ? spatialModels() : List.<SpatialModel>of()) {
            for (String size : spatialSizes()) {
                spatial(dir, scripts, model, size, results);
            }
        }
        Plan memoryPlan = new Plan(10_000, 2, 1, 2);
        for (String language : parts.contains("memory") ? LANGUAGES : List.<String>of()) {
            results.memory.add(run(caseCommand(language, "compute", memoryPlan, scripts, true), language, "compute",
                    memoryPlan));
        }
        for (String language : parts.contains("boundary") ? List.of("js", "python") : List.<String>of()) {
            results.boundary.add(run(javaMain(BoundaryCost.class, language), language, "boundary",
                    new Plan(0, 0, 0, 0)));
        }
        if (parts.contains("mcp")) {
            try {
                results.mcp = mcp(dir, scripts);
            } catch (Exception e) { // the rest of the run is still worth its report
                results.mcpError = String.valueOf(e.getMessage());
                progress("  mcp failed: " + e);
            }
        }
        for (int n : parts.contains("autosave") ? List.of(1000, 100_000) : List.<Integer>of()) {
            progress("autosave: one-tick advance_simulation, stored vs --ephemeral, wealth in Lua, n=" + n);
            try {
                results.autosave.add(n < 10_000
                        ? McpRoundTrip.autosave(settledServerCommand(dir), Workload.WEALTH.world("lua", n, scripts)
                                .put("name", "bench"), 50, 10, 20)
                        : McpRoundTrip.autosave(settledServerCommand(dir), Workload.WEALTH.world("lua", n, scripts)
                                .put("name", "bench"), 3, 5, 2));
            } catch (Exception e) {
                progress("  autosave failed: " + e);
                results.autosave.add(Workload.JSON.createObjectNode().put("n", n).put("error", String.valueOf(e)));
            }
        }
        if (parts.contains("latency")) {
            progress("latency: get_world_state through the TypeScript SDK client; polysim, trivial Java SDK and "
                    + "trivial TypeScript SDK servers in alternating blocks");
            try {
                results.latency = McpLatency.measure(dir, settledServerCommand(dir),
                        javaMain(TrivialJavaServer.class), Workload.WEALTH.world("lua", 100, scripts)
                        .put("name", "bench"), LATENCY_WARMUP,
                        LATENCY_BLOCKS, LATENCY_PER_BLOCK);
                progress("  p50 " + Report.num(Report.percentile(McpLatency.times(results.latency,
                        McpLatency.POLYSIM), 50)) + " µs polysim, " + Report.num(Report.percentile(McpLatency
                        .times(results.latency, McpLatency.TRIVIAL_TS), 50)) + " µs trivial TypeScript server");
            } catch (Exception e) {
                results.latencyError = String.valueOf(e.getMessage());
                progress("  latency failed: " + e);
            }
        }
        if (parts.contains("sweep")) {
            progress("sweep: examples/sir-epidemic/sweep.yaml on 1 and 2 local threads, alternating");
            results.sweep = run(javaMain(SweepScaling.class, dir.resolve("examples/sir-epidemic/sweep.yaml")
                    .toString(), "2"), "local", "sweep", new Plan(0, 0, 0, 0));
        }
        if (parts.contains("coldpython")) {
            results.coldPython = coldPython(dir);
        }
        if (parts.contains("network")) {
            progress("network: 100k-node networks built, neighbours and broadcasts (NetworkCost)");
            results.network = run(javaMain(NetworkCost.class, "5"), "local", "network", new Plan(0, 0, 0, 0));
        }
        if (parts.contains("sizes")) {
            progress("sizes: bytes of initialize, tools/list and a session's commonest calls on a "
                    + ResponseSizes.ENTITIES + "-entity Lua world");
            try {
                // without the warm-up: only Lua runs, and the part stays within seconds
                results.sizes = ResponseSizes.measure(settledServerCommand(dir), scripts);
                progress("  tools/list " + results.sizes.path("tools_list").path("line_bytes").asLong() + " bytes");
            } catch (Exception e) {
                results.sizesError = String.valueOf(e.getMessage());
                progress("  sizes failed: " + e);
            }
        }
        if (parts.contains("typical")) {
            // the server as ./polysim serve starts it, warm-up included: what a client's first worlds meet
            results.typical = TypicalModel.measure(serverCommand(dir), dir.resolve("bench/native"), scripts);
        }
        if (parts.contains("steady")) {
            for (List<String> pair : STEADY_PAIRS) {
                results.steady.add(run(caseCommand(pair.get(0), "wealth", STEADY, scripts, false), pair.get(0),
                        "wealth", STEADY));
                Native nat = NATIVES.stream().filter(x -> x.name().equals(pair.get(1))).findFirst().orElseThrow();
                results.steady.add(run(nativeCommand(dir, nat, "wealth", STEADY), nat.name(), "wealth", STEADY));
            }
        }
        String today = java.time.LocalDate.now().toString();
        parts.stream().filter(PARTS::contains).forEach(p -> results.measuredOn.put(p, today));
        String machine = Report.machine();
        parts.stream().filter(PARTS::contains).forEach(p -> results.measuredCpu.put(p, machine));
        if (reuse != null) {
            reuse(results);
        }
        if (compare != null) {
            ObjectNode other = Workload.JSON.createObjectNode();
            JsonNode read = Workload.JSON.readTree(Files.readString(compare));
            other.put("about", compareAbout != null ? compareAbout : read.path("about").asString("the run in "
                    + "`--compare`"));
            other.set("ticks", read.path("ticks"));
            results.compare = other;
        }
        Path beforeFile = before != null ? before : dir.resolve("bench/before-issue-12.json");
        if (before != null || Files.exists(beforeFile)) {
            results.before = Workload.JSON.readTree(Files.readString(beforeFile));
        }
        Path report = out != null ? out : dir.resolve("bench/RESULTS.md");
        Files.writeString(report, new Report(results, NATIVES).markdown());
        // every raw figure, beside the report, for analyses the report does not make
        ObjectNode raw = Workload.JSON.createObjectNode();
        raw.putArray("ticks").addAll(results.ticks);
        raw.putArray("spatial").addAll(results.spatial);
        raw.putArray("memory").addAll(results.memory);
        raw.putArray("boundary").addAll(results.boundary);
        raw.set("mcp", results.mcp);
        raw.putArray("autosave").addAll(results.autosave);
        raw.set("latency", results.latency);
        raw.set("sweep", results.sweep);
        raw.set("network", results.network);
        raw.set("cold_python", results.coldPython);
        raw.set("sizes", results.sizes);
        raw.set("typical", results.typical);
        raw.putArray("steady").addAll(results.steady);
        if (results.compare != null) {
            raw.set("compare", results.compare);
        }
        ObjectNode measuredOn = raw.putObject("measured_on");
        results.measuredOn.forEach(measuredOn::put);
        ObjectNode measuredCpu = raw.putObject("measured_cpu");
        results.measuredCpu.forEach(measuredCpu::put);
        Files.writeString(report.resolveSibling("results.json"), raw.toPrettyString());
        progress("wrote " + report);
        return 0;
    }

    /**
     * Fills the parts not measured in this run from the earlier run's raw results, each with the day it was
     * measured on (its {@code measured_on} entry; for a file older than those entries, the file's date).
     */
    private void reuse(Results results) throws IOException {
        JsonNode earlier = Workload.JSON.readTree(Files.readString(reuse));
        String fileDay = java.time.LocalDate.ofInstant(Files.getLastModifiedTime(reuse).toInstant(),
                java.time.ZoneId.systemDefault()).toString();
        for (String part : PARTS) {
            String key = part.equals("coldpython") ? "cold_python" : part;
            JsonNode data = earlier.path(key);
            if (parts.contains(part) || data.isMissingNode() || data.isNull() || data.isEmpty()) {
                continue;
            }
            switch (part) {
                case "ticks" -> data.forEach(r -> results.ticks.add((ObjectNode) r));
                case "steady" -> data.forEach(r -> results.steady.add((ObjectNode) r));
                case "spatial" -> data.forEach(r -> results.spatial.add((ObjectNode) r));
                case "memory" -> data.forEach(r -> results.memory.add((ObjectNode) r));
                case "boundary" -> data.forEach(r -> results.boundary.add((ObjectNode) r));
                case "autosave" -> data.forEach(r -> results.autosave.add((ObjectNode) r));
                case "mcp" -> results.mcp = (ObjectNode) data;
                case "sweep" -> results.sweep = (ObjectNode) data;
                case "network" -> results.network = (ObjectNode) data;
                case "latency" -> results.latency = (ObjectNode) data;
                case "sizes" -> results.sizes = (ObjectNode) data;
                case "typical" -> results.typical = (ObjectNode) data;
                default -> results.coldPython = (ArrayNode) data;
            }
            results.measuredOn.put(part, earlier.path("measured_on").path(part).asString(fileDay));
            JsonNode cpu = earlier.path("measured_cpu").path(part);
            if (cpu.isString()) {
                results.measuredCpu.put(part, cpu.asString());
            }
            results.reused.add(part);
        }
        if (results.compare == null && parts.stream().noneMatch("ticks"::equals) && earlier.path("compare").isObject()) {
            results.compare = earlier.path("compare"); // the comparison belongs to the ticks it was made with
        }
    }

    /**
     * A cold server's first Python world, asked for at several waits after the handshake, in alternating rounds:
     * how long an LLM's first Python {@code create_world} takes depends on how long it spent writing it, since the
     * server readies its languages in the background meanwhile.
     */
    private static ArrayNode coldPython(Path dir) {
        ArrayNode launches = Workload.JSON.createArrayNode();
        for (int round = 0; round < COLD_PYTHON_ROUNDS; round++) {
            for (long wait : COLD_PYTHON_WAITS_MS) {
                progress("coldpython: first Python create_world asked " + wait + " ms after the handshake");
                ObjectNode launch = launches.addObject().put("wait_ms", wait);
                try {
                    double ms = McpRoundTrip.coldPythonMs(serverCommand(dir), wait);
                    launch.put("create_ms", ms);
                    progress("  " + Report.num(ms) + " ms");
                } catch (Exception e) {
                    launch.put("error", String.valueOf(e.getMessage()));
                    progress("  failed: " + e);
                }
            }
        }
        return launches;
    }

    static final long[] COLD_PYTHON_WAITS_MS = {0, Report.COLD_PYTHON_ASKED_MS, 6000, 10_000};
    static final int COLD_PYTHON_ROUNDS = 2;

    private static ObjectNode mcp(Path dir, Path scripts) throws Exception {
        progress("mcp: get_world_state and advance_simulation on a 100-entity Lua world");
        ObjectNode mcp = McpRoundTrip.measure(serverCommand(dir),
                Workload.WEALTH.world("lua", 100, scripts).put("name", "bench"), 300, 2000);
        progress("mcp: launch to first tool response through ./polysim serve, 5 launches");
        var launches = mcp.putArray("launch_ms");
        for (int i = 0; i < 5; i++) {
            launches.add(McpRoundTrip.launchMs(List.of(dir.resolve("polysim").toString(), "serve")));
            // (each launch gets a fresh --workspace of its own: no stored worlds to load)
        }
        return mcp;
    }

    /** Everything measured in one run. */
    static final class Results {
        final List<ObjectNode> ticks = new ArrayList<>();
        /** One result per model, size and implementation ({@link SpatialRun} and the native programs). */
        final List<ObjectNode> spatial = new ArrayList<>();
        final List<ObjectNode> memory = new ArrayList<>();
        final List<ObjectNode> boundary = new ArrayList<>();
        final List<ObjectNode> autosave = new ArrayList<>();
        ObjectNode mcp;
        String mcpError;
        /** {@link McpLatency}'s result. */
        ObjectNode latency;
        String latencyError;
        /** {@link SweepScaling}'s result. */
        ObjectNode sweep;
        /** The cold-Python launches: one {@code {wait_ms, create_ms}} per launch. */
        ArrayNode coldPython;
        /** {@link NetworkCost}'s result. */
        ObjectNode network;
        /** {@link ResponseSizes}'s result. */
        ObjectNode sizes;
        String sizesError;
        /** {@link TypicalModel}'s result. */
        ObjectNode typical;
        /** Issue 24's steady state ({@link #STEADY}): tick results as the ticks part's, a language, its runtime. */
        final List<ObjectNode> steady = new ArrayList<>();
        /** An earlier run's raw results ({@code --before}), or null. */
        JsonNode before;
        /** {@code {about, ticks}} of a run of another build ({@code --compare}), or null. */
        JsonNode compare;
        /** The day each part was measured on: today, or an earlier run's day for a part taken with --reuse. */
        final java.util.Map<String, String> measuredOn = new java.util.TreeMap<>();
        /**
         * The CPU and cores each part was measured on ({@link Report#machine}), when known: with --reuse the
         * report's machine table would otherwise name only the machine of this run.
         */
        final java.util.Map<String, String> measuredCpu = new java.util.TreeMap<>();
        /** The parts taken from an earlier run. */
        final List<String> reused = new ArrayList<>();

        /** Which parts were measured on which day, when some were reused; null for a whole run. */
        String provenance() {
            if (reused.isEmpty()) {
                return null;
            }
            java.util.Map<String, List<String>> byDay = new java.util.TreeMap<>(java.util.Comparator.reverseOrder());
            measuredOn.forEach((part, day) -> byDay.computeIfAbsent(day, d -> new ArrayList<>()).add(part));
            List<String> said = new ArrayList<>();
            byDay.forEach((day, list) -> said.add(day + ": " + String.join(", ", list)));
            return "Measured on each day: " + String.join("; ", said) + ". Taken from an earlier run's results "
                    + "(`--reuse`): " + String.join(", ", reused) + ".";
        }
    }

    /** The ticks part's workloads among {@code --workloads}; a name that is neither kind is an error. */
    private List<String> tickWorkloads() {
        List<String> known = java.util.Arrays.stream(Workload.values()).map(Workload::id).toList();
        for (String w : workloads) {
            if (!known.contains(w) && SpatialModel.ofOrNull(w) == null) {
                throw new CommandLine.ParameterException(new CommandLine(this), "unknown workload " + w
                        + "; workloads are " + String.join(", ", known) + ", and the models schelling, wolfsheep, "
                        + "flocking");
            }
        }
        return workloads.stream().filter(known::contains).toList();
    }

    private List<SpatialModel> spatialModels() {
        tickWorkloads(); // checks the names
        return workloads.stream().map(SpatialModel::ofOrNull).filter(java.util.Objects::nonNull).toList();
    }

    /** The numbers among {@code --sizes}, or 1k, 10k, 100k when it names none. */
    private List<Integer> tickSizes() {
        List<Integer> n = sizes.stream().filter(s -> s.matches("\\d+")).map(Integer::valueOf).toList();
        return n.isEmpty() ? List.of(1_000, 10_000, 100_000) : n;
    }

    /** small and large among {@code --sizes}, or both when it names neither. */
    private List<String> spatialSizes() {
        for (String s : sizes) {
            if (!s.matches("\\d+") && !SpatialModel.SIZES.contains(s)) {
                throw new CommandLine.ParameterException(new CommandLine(this), "unknown size " + s
                        + "; sizes are entity counts (ticks part) or small and large (spatial part)");
            }
        }
        List<String> named = sizes.stream().filter(SpatialModel.SIZES::contains).toList();
        return named.isEmpty() ? SpatialModel.SIZES : named;
    }

    /**
     * One model at one size in every implementation: polysim's languages and the plain Java floor
     * ({@link JavaSpatialModels}), plain LuaJ, and the native runtimes.
     */
    private void spatial(Path dir, Path scripts, SpatialModel model, String size, Results results)
            throws IOException, InterruptedException {
        int agents = model.agents(size, scripts);
        for (String language : LANGUAGES) {
            Plan plan = spatialPlan(model, size, agents, language);
            results.spatial.add(run(javaMain(SpatialRun.class, language, model.id(), size,
                    "" + plan.warmup() / model.steps, "" + plan.blocks(), scripts.toString()), language,
                    model.id(), plan).put("size", size));
        }
        Path nativeDir = dir.resolve("bench/native");
        Plan plan = spatialPlan(model, size, agents, "luaj");
        results.spatial.add(run(javaMain(LuajNative.class, nativeDir.resolve("spatial.lua").toString(), model.id(),
                size, "" + plan.warmup() / model.steps, "" + plan.blocks()), "luaj", model.id(), plan)
                .put("size", size));
        for (Native nat : NATIVES) {
            plan = spatialPlan(model, size, agents, nat.name());
            results.spatial.add(run(List.of(nat.command(), nativeDir.resolve(nat.spatialProgram()).toString(),
                    model.id(), size, "" + plan.warmup() / model.steps, "" + plan.blocks()), nat.name(), model.id(),
                    plan).put("size", size));
        }
    }

    /**
     * A spatial case's runs as a {@link Plan}: n the agents at the start, warm-up and block ticks whole runs of the
     * model's steps. Small runs take milliseconds, so there are more of them; JavaScript and Python warm up for
     * about two million updates, 3 to 100 runs: past the million at which their preludes switch to the paths
     * quicker once compiled ({@code GraalController.WARM_UPDATES}), which then start interpreted. With a million,
     * the switch fell inside the timed runs: JavaScript's schelling-large blocks went 188, 161, 153, 125, 77 ms a
     * step (2026-12-06). Not raised to {@link Plan#forLanguage}'s three million: flocking-large's runs last seconds.
     */
    static Plan spatialPlan(SpatialModel model, String size, int agents, String impl) {
        boolean small = size.equals("small");
        long warmRuns = small ? 10 : 2; // node's small runs last 2 ms: 3 runs left V8 unsettled (0.12 vs 0.02 ms/step)
        if (impl.equals("js") || impl.equals("python")) {
            warmRuns = Math.clamp((long) Math.ceil(2e6 / ((double) agents * model.steps)), 3, 100);
        }
        return new Plan(agents, (int) warmRuns * model.steps, small ? 10 : 5, model.steps);
    }

    private List<String> caseCommand(String language, String workload, Plan plan, Path scripts, boolean memory) {
        return javaMain(CaseRun.class, language, workload, "" + plan.n(), "" + plan.warmup(), "" + plan.blocks(),
                "" + plan.perBlock(), scripts.toString(), memory ? "--memory" : "");
    }

    /** The native Lua program on plain LuaJ in a JVM like polysim's (see {@link LuajNative}). */
    private static List<String> luajCommand(Path dir, String workload, Plan plan) {
        return javaMain(LuajNative.class, dir.resolve("bench/native/native.lua").toString(), workload,
                "" + plan.n(), "" + plan.warmup(), "" + plan.blocks(), "" + plan.perBlock());
    }

    /** A main class of this harness in a fresh JVM started like this one; empty arguments are left out. */
    private static List<String> javaMain(Class<?> main, String... args) {
        List<String> cmd = new ArrayList<>(javaCommand());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        for (String arg : args) {
            if (!arg.isEmpty()) {
                cmd.add(arg);
            }
        }
        return cmd;
    }

    /** This JVM's java and its JVM options (the packaged application's: JVMCI with the Graal compiler). */
    private static List<String> javaCommand() {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        for (String arg : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!arg.startsWith("-Xmx")) {
                cmd.add(arg);
            }
        }
        return cmd;
    }

    private static List<String> serverCommand(Path dir) {
        List<String> cmd = new ArrayList<>(javaCommand());
        cmd.addAll(List.of("-jar", dir.resolve("mcp-server/target/polysim.jar").toString(), "serve"));
        return cmd;
    }

    /**
     * The server without its background warm-up, for the parts that time servers in alternating blocks: one
     * server's warm-up would run while it is idle, which is while another is being timed.
     */
    private static List<String> settledServerCommand(Path dir) {
        List<String> cmd = serverCommand(dir);
        cmd.add("--no-warm-up");
        return cmd;
    }

    /** A native program's command for one tick case, timed by its own loop as a case of the ticks part. */
    private static List<String> nativeCommand(Path dir, Native nat, String workload, Plan plan) {
        return List.of(nat.command(), dir.resolve("bench/native").resolve(nat.program()).toString(), workload,
                "" + plan.n(), "" + plan.warmup(), "" + plan.blocks(), "" + plan.perBlock());
    }

    /** Runs one case to completion; its JSON result, or an object with an {@code error} when it failed. */
    private static ObjectNode run(List<String> command, String impl, String workload, Plan plan)
            throws IOException, InterruptedException {
        progress(impl + " " + workload + " n=" + plan.n());
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String result = null;
        List<String> said = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("RESULT ")) {
                    result = line.substring(7);
                } else if (line.startsWith("{")) {
                    result = line; // the native programs print their JSON line alone
                } else {
                    said.add(line);
                }
            }
        }
        if (!p.waitFor(30, TimeUnit.MINUTES)) {
            p.destroyForcibly();
        }
        ObjectNode node = result == null ? Workload.JSON.createObjectNode().put("error", "exit " + p.exitValue() + ": "
                + String.join(" / ", said)) : (ObjectNode) Workload.JSON.readTree(result);
        node.put("impl", impl).put("workload", workload).put("n", plan.n()).put("warmup_ticks", plan.warmup())
                .put("ticks_per_block", plan.perBlock());
        JsonNode blocks = node.path("block_ms");
        if (blocks.isArray()) {
            progress("  " + Report.perTick(node).describe("ms/tick"));
        } else {
            progress("  " + node.path("error").asString());
        }
        return node;
    }

    static void progress(String line) {
        System.err.println(line);
    }
}
