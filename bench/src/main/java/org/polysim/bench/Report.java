package org.polysim.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.polysim.engine.World;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Turns one run's {@link Bench.Results} into bench/RESULTS.md; every ratio divides two figures of this run. */
final class Report {

    private final Bench.Results results;
    private final List<Bench.Native> natives;
    private final StringBuilder md = new StringBuilder();

    Report(Bench.Results results, List<Bench.Native> natives) {
        this.results = results;
        this.natives = natives;
    }

    /** Per-tick milliseconds of a tick result: each timed block divided by its ticks. */
    static Stats perTick(JsonNode result) {
        return stats(result.path("block_ms")).perUnit(result.path("ticks_per_block").asInt());
    }

    String markdown() throws IOException, InterruptedException {
        line("# polysim benchmark results");
        line("");
        line("Written by `./polysim bench` on " + LocalDate.now() + ". Do not edit: rerun it. How to read these "
                + "figures, the profiles behind them and what limits them: [README.md](README.md).");
        line("");
        if (results.provenance() != null) {
            line(results.provenance());
            line("");
        }
        environment();
        targets();
        beforeAndAfter();
        compareSection();
        for (String w : workloads()) {
            workload(w);
        }
        new SpatialReport(results.spatial, this::line).sections();
        memory();
        boundary();
        mcp();
        latency();
        autosave();
        sweep();
        network();
        coldPythonSection();
        typicalSection();
        steadySection();
        issue24Misses();
        sizes();
        return md.toString();
    }

    private void environment() throws IOException, InterruptedException {
        line("## Machine and versions");
        line("");
        line("| | |");
        line("|---|---|");
        line("| command | `./polysim bench` (from the checkout's root) |");
        line("| CPU | " + cpuLine() + " |");
        line("| memory | " + memTotal() + " |");
        line("| JDK | " + System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version")
                + " |");
        for (Map.Entry<String, String> r : World.runtimes().entrySet()) {
            if (!r.getKey().equals("java")) {
                line("| polysim " + r.getKey() + " | " + r.getValue() + " |");
            }
        }
        for (Bench.Native n : natives) {
            line("| " + n.name() + " | " + version(n.command()) + " |");
        }
        line("");
        line("Each case runs in a fresh process, one at a time. A case times its warm-up ticks as one block, "
                + "reported apart, then times several blocks of ticks; figures are the median per-tick time over "
                + "those blocks, with min–max in brackets. polysim figures are in-process `World.advance` times "
                + "(JVMCI with the Graal compiler on, as `./polysim` runs); the native programs time their own tick "
                + "loop the same way (Lua: `os.clock`, node: `hrtime`, CPython: `perf_counter`).");
        line("");
    }

    private void targets() {
        line("## Targets");
        line("");
        line("| target | measured | met |");
        line("|---|---|---|");
        // issue 12's targets, then the earlier ones it left standing
        ISSUE_12_RATIOS.forEach(t -> ratioTarget(t.workload(), 10_000, t.impl(), t.base(), t.limit()));
        ratioTarget("compute", 10_000, "python", "cpython", 1.0);
        for (String w : List.of("compute", "wealth")) {
            ratioTarget(w, 10_000, "lua", "java", 5);
            ratioTarget(w, 10_000, "js", "java", 5);
            ratioTarget(w, 10_000, "python", "java", 10);
        }
        new SpatialReport(results.spatial, this::line).targets();
        for (String language : List.of("lua", "js")) {
            long ran = results.ticks.stream().filter(r -> r.path("impl").asString().equals(language)
                    && r.path("n").asInt() == 100_000 && r.has("block_ms")).count();
            long cases = results.ticks.stream().filter(r -> r.path("impl").asString().equals(language)
                    && r.path("n").asInt() == 100_000).count();
            if (cases > 0) {
                line("| " + language + ": 100k entities in one world | " + ran + " of " + cases + " workloads ran | "
                        + mark(ran == cases) + " |");
            }
        }
        for (ObjectNode m : results.memory) {
            if (m.has("entity_bytes")) {
                double overhead = m.path("entity_bytes").asDouble() - m.path("state_bytes").asDouble();
                line("| " + m.path("impl").asString() + ": ≤ 2 KB per entity beyond its state (10k) | "
                        + num(overhead) + " B | " + mark(overhead <= 2048) + " |");
                double create = m.path("create_ms").asDouble();
                line("| " + m.path("impl").asString() + ": 10k-entity world created in < 2 s | " + num(create)
                        + " ms | " + mark(create < 2000) + " |");
            }
        }
        if (results.mcp != null) {
            for (String tool : List.of("get_world_state_us", "advance_1_tick_us")) {
                double p50 = percentile(results.mcp.path(tool), 50) / 1000;
                line("| MCP " + tool.replace("_us", "").replace('_', ' ') + " p50 ≤ 1 ms | " + num(p50) + " ms | "
                        + mark(p50 <= 1) + " |");
            }
            double launch = stats(results.mcp.path("launch_ms")).median();
            line("| MCP first tool response ≤ 2 s after launch | " + num(launch) + " ms | " + mark(launch <= 2000)
                    + " |");
        }
        if (results.latency != null) {
            JsonNode polysim = McpLatency.times(results.latency, McpLatency.POLYSIM);
            double ratio = percentile(polysim, 50) / percentile(McpLatency.times(results.latency,
                    McpLatency.TRIVIAL_TS), 50);
            line("| MCP get_world_state through the TypeScript SDK client: p50 ≤ 1.5× a trivial TypeScript SDK server "
                    + "| " + num(ratio) + "× (" + num(percentile(polysim, 50)) + " µs / " + num(percentile(McpLatency
                    .times(results.latency, McpLatency.TRIVIAL_TS), 50)) + " µs) | " + mark(ratio <= 1.5) + " |");
            double p99 = percentile(polysim, 99) / 1000;
            line("| MCP get_world_state through the TypeScript SDK client: p99 < 3 ms | " + num(p99) + " ms | "
                    + mark(p99 < 3) + " |");
        }
        if (results.sizes != null) {
            long toolsList = results.sizes.path("tools_list").path("line_bytes").asLong();
            line("| MCP `tools/list` under 25 KB (" + bytes(ResponseSizes.TOOLS_LIST_TARGET_BYTES) + " B) | "
                    + bytes(toolsList) + " B | " + mark(toolsList < ResponseSizes.TOOLS_LIST_TARGET_BYTES) + " |");
        }
        typicalTargetRows().forEach(this::line);
        steadyTargetRows().forEach(this::line);
        for (ObjectNode a : results.autosave) {
            if (a.path("n").asInt() == 1000 && !a.has("error")) {
                double stored = percentile(a.path("stored_us"), 50);
                double memory = percentile(a.path("ephemeral_us"), 50);
                double added = 100 * (stored - memory) / memory;
                line("| autosave adds < 10% to a one-tick advance_simulation (1k) | " + num(added) + " % | "
                        + mark(added < 10) + " |");
            }
        }
        line("");
    }

    private void ratioTarget(String workload, int n, String impl, String base, double limit) {
        Optional<Double> ratio = ratio(results.ticks, workload, n, impl, base);
        ratio.ifPresent(r -> line("| " + workload + " " + n / 1000 + "k: " + impl + " ≤ " + num(limit) + "× " + base
                + " | " + num(r) + "× | " + mark(r <= limit) + " |"));
    }

    /** Median per-tick time of {@code impl} over that of {@code base}, both from one run's tick results. */
    private static Optional<Double> ratio(List<? extends JsonNode> ticks, String workload, int n, String impl,
            String base) {
        Optional<Stats> a = steady(ticks, workload, n, impl);
        Optional<Stats> b = steady(ticks, workload, n, base);
        return a.isPresent() && b.isPresent() ? Optional.of(a.get().median() / b.get().median()) : Optional.empty();
    }

    /**
     * Issue 12's targets in this run beside an earlier run's ({@code --before}, by default the last ticks run before
     * issue 12's work): each ratio divides two figures of one run, so the machine's mood on either day cancels out
     * as far as it can.
     */
    private void beforeAndAfter() {
        if (results.before == null) {
            return;
        }
        List<JsonNode> earlier = new ArrayList<>();
        results.before.path("ticks").forEach(earlier::add);
        line("## Issue 12's targets, before and after");
        line("");
        line("Before: " + results.before.path("about").asString("the run in `--before`") + " Now: this run (its "
                + "commands are in the tables below and in [README.md](README.md)).");
        line("");
        line("| target | before | now | met now |");
        line("|---|---|---|---|");
        for (RatioTarget t : ISSUE_12_RATIOS) {
            Optional<Double> now = ratio(results.ticks, t.workload(), 10_000, t.impl(), t.base());
            line("| " + t.workload() + " 10k: " + t.impl() + " ≤ " + num(t.limit()) + "× " + t.base() + " | "
                    + ratio(earlier, t.workload(), 10_000, t.impl(), t.base()).map(r -> num(r) + "×").orElse("–")
                    + " | " + now.map(r -> num(r) + "×").orElse("not measured") + " | "
                    + now.map(r -> mark(r <= t.limit())).orElse("–") + " |");
        }
        Optional<Double> coldBefore = coldPython(results.before.path("cold_python"));
        Optional<Double> coldNow = coldPython(results.coldPython);
        line("| first Python `create_world` on a cold server ≤ 3 s, asked " + COLD_PYTHON_ASKED_MS / 1000
                + " s after the handshake | " + coldBefore.map(s -> num(s) + " s").orElse("–") + " | "
                + coldNow.map(s -> num(s) + " s").orElse("not measured") + " | "
                + coldNow.map(s -> mark(s <= 3)).orElse("–") + " |");
        line("");
    }

    /**
     * This run's polysim ticks beside a run of another build ({@code --compare}, measured with {@code --root} a
     * worktree of it): a change that should cost nothing shows it here. Each figure is a median over its blocks;
     * the runs are minutes apart, so a ratio within about 10% is the machine's noise (bench/README.md).
     */
    private void compareSection() {
        if (results.compare == null) {
            return;
        }
        List<JsonNode> other = new ArrayList<>();
        results.compare.path("ticks").forEach(other::add);
        line("## Before and after: " + results.compare.path("about").asString());
        line("");
        line("Median ms per tick (main-thread CPU ms in brackets), 10k-entity ticks part, the same harness and "
                + "machine, one run after the other.");
        line("");
        line("| case | before | now | now ÷ before |");
        line("|---|---|---|---|");
        for (JsonNode now : results.ticks) {
            String impl = now.path("impl").asString();
            if (!POLYSIM.contains(impl) || !now.has("block_ms")) {
                continue;
            }
            String w = now.path("workload").asString();
            int n = now.path("n").asInt();
            Optional<JsonNode> then = result(other, w, n, impl).filter(r -> r.has("block_ms"));
            if (then.isEmpty()) {
                continue;
            }
            double a = perTick(then.get()).median();
            double b = perTick(now).median();
            line("| " + w + " " + n + ", " + impl + " | " + num(a) + cpu(then.get()) + " | " + num(b) + cpu(now)
                    + " | " + num(b / a) + " |");
        }
        line("");
    }

    /** The polysim implementations of the ticks part (the rest are the runtimes it is compared with). */
    private static final java.util.Set<String> POLYSIM = java.util.Set.of("java", "lua", "js", "python");

    /** " (CPU ms)" of a result's median per-tick CPU time, when it has one. */
    private static String cpu(JsonNode result) {
        return result.has("block_cpu_ms")
                ? " (" + num(stats(result.path("block_cpu_ms")).perUnit(result.path("ticks_per_block").asInt())
                .median()) + ")" : "";
    }

    /** A target on the ratio of one implementation's median per-tick time to another's. */
    private record RatioTarget(String workload, String impl, String base, double limit) {
    }

    /** Issue 12's ratio targets, at 10k entities. */
    private static final List<RatioTarget> ISSUE_12_RATIOS = List.of(
            new RatioTarget("wealth", "js", "node", 5), new RatioTarget("wealth", "python", "cpython", 1.5),
            new RatioTarget("wealth", "lua", "lua5.4", 1.5), new RatioTarget("wealth", "java", "node", 2),
            new RatioTarget("compute", "js", "node", 1.5), new RatioTarget("compute", "lua", "lua5.4", 2),
            new RatioTarget("chatter", "lua", "java", 3), new RatioTarget("chatter", "js", "java", 3),
            new RatioTarget("chatter", "python", "java", 3));

    /** When the cold-Python target's first world is asked for, after the handshake (an LLM's first turn). */
    static final long COLD_PYTHON_ASKED_MS = 3000;

    /** Median seconds of the cold-Python create_world calls asked {@link #COLD_PYTHON_ASKED_MS} after handshakes. */
    private static Optional<Double> coldPython(JsonNode cold) {
        double[] seconds = coldPythonSeconds(cold, COLD_PYTHON_ASKED_MS);
        return seconds.length == 0 ? Optional.empty() : Optional.of(Stats.of(seconds).median());
    }

    /** Seconds each cold-Python create_world took when asked {@code waitMs} after the handshake. */
    private static double[] coldPythonSeconds(JsonNode cold, long waitMs) {
        List<Double> seconds = new ArrayList<>();
        for (JsonNode c : cold == null ? List.<JsonNode>of() : cold) {
            if (c.path("wait_ms").asLong() == waitMs && c.has("create_ms")) {
                seconds.add(c.path("create_ms").asDouble() / 1000);
            }
        }
        return seconds.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private void coldPythonSection() {
        if (results.coldPython == null || results.coldPython.isEmpty()) {
            return;
        }
        line("## A cold server's first Python world");
        line("");
        line("`polysim serve` launched afresh each time (a new workspace), the MCP handshake, then a wait, then "
                + "`create_world` of a one-entity Python world, timed from request to response. The server readies "
                + "its languages in the background once stdin has been quiet for half a second, so the wait is the "
                + "time an LLM takes to write its first world. Waits in alternating rounds.");
        line("");
        JsonNode before = results.before == null ? null : results.before.path("cold_python");
        boolean compare = before != null && before.isArray() && !before.isEmpty();
        line("| asked after the handshake | create_world took, each launch |"
                + (compare ? " before (`--before`) |" : ""));
        line("|---|---|" + (compare ? "---|" : ""));
        new TreeSet<>(results.coldPython.findValues("wait_ms").stream().map(JsonNode::asLong).toList())
                .forEach(wait -> line("| " + num(wait / 1000.0) + " s | " + seconds(results.coldPython, wait) + " |"
                        + (compare ? " " + seconds(before, wait) + " |" : "")));
        line("");
    }

    /** One of issue 24's figures against its bound: met when at most the bound; {@code shown} as the table says it. */
    private record Check(String language, String runtime, double value, double limit, String shown) {
        boolean met() {
            return value <= limit;
        }
    }

    /** Each language's first typical world on a fresh server, in seconds, where its servers answered. */
    private List<Check> firstWorlds() {
        List<Check> out = new ArrayList<>();
        for (TypicalModel.Language l : TypicalModel.LANGUAGES) {
            double[] first = TypicalModel.worldSeconds(results.typical, l.id(), "first");
            if (first.length > 0) {
                double median = Stats.of(first).median();
                out.add(new Check(l.id(), l.runtime(), median, l.firstWorldLimitSeconds(), num(median) + " s"));
            }
        }
        return out;
    }

    /** Each language's second typical world over its own runtime's whole process, where both were measured. */
    private List<Check> secondWorlds() {
        List<Check> out = new ArrayList<>();
        for (TypicalModel.Language l : TypicalModel.LANGUAGES) {
            double[] second = TypicalModel.worldSeconds(results.typical, l.id(), "second");
            double[] own = TypicalModel.ownSeconds(results.typical, l.id());
            if (second.length > 0 && own.length > 0) {
                double secondMedian = Stats.of(second).median();
                double ownMedian = Stats.of(own).median();
                out.add(new Check(l.id(), l.runtime(), secondMedian / ownMedian, TypicalModel.SECOND_WORLD_LIMIT,
                        num(secondMedian / ownMedian) + "× (" + num(secondMedian) + " s / " + num(ownMedian) + " s)"));
            }
        }
        return out;
    }

    /**
     * Issue 24's targets on the typical model, as rows of a target table: each language's first world on a fresh
     * server against its bound in seconds, then each second world against its own runtime's whole process.
     */
    private List<String> typicalTargetRows() {
        List<String> rows = new ArrayList<>();
        JsonNode t = results.typical;
        if (t == null) {
            return rows;
        }
        String model = "typical model (" + t.path("agents").asInt() + " agents × " + t.path("ticks").asInt()
                + " ticks): ";
        firstWorlds().forEach(c -> rows.add("| " + model + c.language() + " first world on a fresh server ≤ "
                + num(c.limit()) + " s | " + c.shown() + " | " + mark(c.met()) + " |"));
        secondWorlds().forEach(c -> rows.add("| " + model + c.language() + " second world ≤ " + num(c.limit()) + "× "
                + c.runtime() + "'s whole process | " + c.shown() + " | " + mark(c.met()) + " |"));
        return rows;
    }

    /** Issue 24's bounds on the steady state, a language's median tick over its own runtime's. */
    static final Map<String, Double> STEADY_LIMITS = Map.of("lua", 1.5, "js", 10.0, "python", 1.5);

    /** Each language's steady tick over its own runtime's, where both ran. */
    private List<Check> steadyRatios() {
        List<Check> out = new ArrayList<>();
        for (List<String> pair : Bench.STEADY_PAIRS) {
            ratio(results.steady, "wealth", Bench.STEADY.n(), pair.get(0), pair.get(1)).ifPresent(r -> out.add(
                    new Check(pair.get(0), pair.get(1), r, STEADY_LIMITS.get(pair.get(0)), num(r) + "×")));
        }
        return out;
    }

    private List<String> steadyTargetRows() {
        String ticks = "ticks " + Bench.STEADY.warmup() + "–" + (Bench.STEADY.warmup() + Bench.STEADY.blocks()
                * Bench.STEADY.perBlock());
        return steadyRatios().stream().map(c -> "| wealth 10k, " + ticks + " of a fresh process: " + c.language()
                + " ≤ " + num(c.limit()) + "× " + c.runtime() + " | " + c.shown() + " | " + mark(c.met()) + " |")
                .toList();
    }

    private void steadySection() {
        if (results.steady.isEmpty()) {
            return;
        }
        Bench.Plan plan = Bench.STEADY;
        line("## Steady state after " + plan.warmup() + " ticks");
        line("");
        line("Issue 24's steady state, measured on " + results.measuredOn.getOrDefault("steady", "–") + ": the "
                + "wealth workload at " + bytes(plan.n()) + " entities in a fresh process, as a user's `polysim run` "
                + "meets it: " + plan.warmup() + " ticks (timed as one block), then " + plan.blocks() + " blocks of "
                + plan.perBlock() + " ticks; the native programs run the same plan and time their own loop. No "
                + "further warm-up (the ticks part warms JavaScript and Python up for three million updates first).");
        line("");
        line("| | ms per tick, ticks " + plan.warmup() + "–" + (plan.warmup() + plan.blocks() * plan.perBlock())
                + " | first " + plan.warmup() + " ticks | ratio (medians) |");
        line("|---|---|---|---|");
        for (List<String> pair : Bench.STEADY_PAIRS) {
            for (String impl : pair) {
                Optional<ObjectNode> r = result(results.steady, "wealth", plan.n(), impl);
                String ratio = impl.equals(pair.get(0)) ? ratio(results.steady, "wealth", plan.n(), impl,
                        pair.get(1)).map(x -> num(x) + "× " + pair.get(1)).orElse("–") : "";
                line("| " + impl + " | " + r.map(x -> x.has("block_ms") ? perTick(x).describe("") : "failed: "
                        + x.path("error").asString().replace('|', '/')).orElse("–") + " | " + r.filter(x ->
                        x.has("warmup_ms")).map(x -> num(x.path("warmup_ms").asDouble() / 1000) + " s").orElse("–")
                        + " | " + ratio + " |");
            }
        }
        line("");
    }

    /**
     * Issue 24's missed targets, each with the figure this run reached and, from the profiles in README.md, where
     * the time goes and what would close the rest. The figures are this run's; the explanations are the analysis of
     * issue 24's work (2026-12-06) and name the README section that shows its measurements.
     */
    private void issue24Misses() {
        List<String> rows = new ArrayList<>();
        JsonNode t = results.typical;
        if (t != null) {
            List<String> first = firstWorlds().stream().filter(c -> !c.met())
                    .map(c -> c.language() + " " + c.shown()).toList();
            double updates = t.path("agents").asDouble() * t.path("ticks").asDouble();
            List<String> second = secondWorlds().stream().filter(c -> !c.met())
                    .map(c -> c.language() + " " + num(c.value()) + "×" + TypicalModel.medianOf(t, c.language(),
                            "second", "advance_ms").map(ms -> " (" + num(ms * 1000 / updates) + " µs an update)")
                            .orElse("")).toList();
            if (!first.isEmpty()) {
                rows.add("| typical model, first world on a fresh server | " + String.join(", ", first) + " | "
                        + FIRST_WORLD_TIME + " | " + FIRST_WORLD_CLOSE + " |");
            }
            if (!second.isEmpty()) {
                rows.add("| typical model, second world against the own runtime's whole process | "
                        + String.join(", ", second) + " | " + SECOND_WORLD_TIME + " | " + RESIDENT_CLOSE + " |");
            }
        }
        List<String> steady = steadyRatios().stream().filter(c -> !c.met())
                .map(c -> c.language() + " " + c.shown() + " " + c.runtime()).toList();
        if (!steady.isEmpty()) {
            rows.add("| wealth 10k, steady state after " + Bench.STEADY.warmup() + " ticks | "
                    + String.join(", ", steady) + " | " + STEADY_TIME + " | " + RESIDENT_CLOSE + " |");
        }
        List<String> spatial = new SpatialReport(results.spatial, this::line).misses();
        if (!spatial.isEmpty()) {
            rows.add("| spatial models, large, ≤ 10× the own runtime | " + String.join(", ", spatial) + " | "
                    + SPATIAL_TIME + " | " + RESIDENT_CLOSE + " |");
        }
        if (rows.isEmpty()) {
            return;
        }
        line("## Where issue 24's missed targets stand");
        line("");
        line("The closest figure this run reached, where the time goes (profiles and measurements: README.md, "
                + "\"A typical first model\" and \"Where the targets are missed, and why\"), and what would close "
                + "the rest. The spatial models' bound is issue 13's, which issue 24 repeats.");
        line("");
        line("| target | closest figure | where the time goes | what would close the rest |");
        line("|---|---|---|---|");
        rows.forEach(this::line);
        line("");
    }

    static final String FIRST_WORLD_TIME = "The interpreter and a cold JIT on two cores: the server's CPU is about "
            + "twice the wall time (the Graal compiler works on the other core). Sampled, a JavaScript first world "
            + "is mostly interpreted prelude code (the run's loop, the state handed over, API dispatch); a Python "
            + "one pays 20 to 30 µs for each crossing into the host or a built-in while interpreted (the next "
            + "entity, `send`, `random`, marshal); Lua's runs while HotSpot still compiles LuaJ's interpreter.";
    static final String FIRST_WORLD_CLOSE = "A JIT that starts compiled: GraalVM's libgraal, or an AOT cache that "
            + "takes the Graal compiler (JDK 25 refuses one with `--upgrade-module-path`); in Python the last "
            + "crossings per update gone (`send` buffered in the guest, `random` from the same SplitMix64 written "
            + "in each language).";
    static final String SECOND_WORLD_TIME = "Each world is a new context: its script and the prelude's paths it "
            + "takes start in the interpreter again, and every update still crosses to the host and back with its "
            + "state as text.";
    static final String STEADY_TIME = "Per update, compiled: the engine's own work (the schedule, the message, "
            + "the command buffer that makes a tick atomic, the trace, the JSON state; the Java floor's 0.5 to "
            + "0.8 µs), the state crossing each way as text, and `send` and `random` crossing into the host; "
            + "node's whole update is about 0.06 µs. And the JIT has not settled: the ticks part warms JavaScript "
            + "and Python for three million updates because blocks before that vary up to 2×; 200 ticks at 10k "
            + "are two million.";
    static final String SPATIAL_TIME = "The engine's own work per step is already about 10× node's whole step "
            + "here (the Java floor's row); a guest adds each `near`, `nearby`, `move` and `take` crossing with "
            + "the records the host builds, and its state as text each way. Python's warm-up on these models is "
            + "slower than before issue 24's chunks (bench/README.md).";
    static final String RESIDENT_CLOSE = "States and inboxes resident in the guest between ticks, and messages "
            + "between entities of one language kept there in the engine's order (issue 24's second lever, not "
            + "built: it needs `trace_entity` made by replaying from a checkpoint first, so the host need not see "
            + "every state as it changes).";

    private void typicalSection() {
        JsonNode t = results.typical;
        if (t == null) {
            return;
        }
        int servers = t.path("servers").size() / Math.max(1, TypicalModel.LANGUAGES.size());
        int ownRuns = t.path("own").size() / Math.max(1, TypicalModel.LANGUAGES.size());
        line("## A typical first model");
        line("");
        line("Issue 24's measure of what a user feels, measured on " + results.measuredOn.getOrDefault("typical",
                "the day of this run") + ": Boltzmann wealth by messages (the `wealth` workload: each agent with "
                + "wealth gives 1 to a random agent each tick, by a message), " + t.path("agents").asInt()
                + " agents, " + t.path("ticks").asInt() + " ticks, seed " + t.path("seed").asInt() + ". Through the "
                + "MCP server as a client uses it: `polysim serve` launched afresh (a new workspace; the packaged "
                + "application's JVM options), the handshake, " + num(t.path("quiet_ms").asDouble() / 1000) + " s of "
                + "quiet (the server warms its languages up meanwhile), then `create_world` and "
                + "`advance_simulation` of " + t.path("ticks").asInt() + " ticks, timed from the first request to the "
                + "last response: the first world of its language. Then a second world on the same server, the same "
                + "model with its script's text changed by a comment, as after an edit. " + servers + " servers per "
                + "language, languages alternating from server to server. Beside them, each language's own runtime "
                + "runs the same model ([`native/`](native)'s wealth program, no warm-up, one block of "
                + t.path("ticks").asInt() + " ticks) as a whole process, timed from spawn to exit, start-up "
                + "included, " + ownRuns + " times, alternating with the others and spread between the server "
                + "rounds. Figures: median (min–max). Load average (1 minute) on " + Runtime.getRuntime()
                .availableProcessors() + " cores: " + num(t.path("load_average_start").asDouble()) + " when the part "
                + "began, " + num(t.path("load_average_end").asDouble()) + " when it ended.");
        line("");
        line("| language | first world | second world (same server) | own runtime, whole process | first / own "
                + "| second / own |");
        line("|---|---|---|---|---|---|");
        for (TypicalModel.Language l : TypicalModel.LANGUAGES) {
            double[] first = TypicalModel.worldSeconds(t, l.id(), "first");
            double[] second = TypicalModel.worldSeconds(t, l.id(), "second");
            double[] own = TypicalModel.ownSeconds(t, l.id());
            line("| " + l.id() + " | " + secondsCell(first) + " | " + secondsCell(second) + " | " + l.runtime() + " "
                    + secondsCell(own) + " | " + ratioCell(first, own) + " | " + ratioCell(second, own) + " |");
        }
        line("");
        line("Where a world's time goes (medians): the two calls, and the CPU time the server's process used "
                + "meanwhile, all threads (the JIT compilers' and the collector's too; above the wall time when "
                + "both cores worked).");
        line("");
        line("| language | world | `create_world` | `advance_simulation` | server CPU |");
        line("|---|---|---|---|---|");
        for (TypicalModel.Language l : TypicalModel.LANGUAGES) {
            for (String which : List.of("first", "second")) {
                line("| " + l.id() + " | " + which + " | " + secondsCell(t, l.id(), which, "create_ms") + " | "
                        + secondsCell(t, l.id(), which, "advance_ms") + " | " + secondsCell(t, l.id(), which, "server_cpu_ms")
                        + " |");
            }
        }
        line("");
        line("| language | server CPU in the " + num(t.path("quiet_ms").asDouble() / 1000) + " s of quiet (warm-up) "
                + "| own runtime's " + t.path("ticks").asInt() + "-tick loop alone (its own clock) | own runtime's "
                + "command |");
        line("|---|---|---|---|");
        for (TypicalModel.Language l : TypicalModel.LANGUAGES) {
            List<Double> loops = new ArrayList<>();
            t.path("own").forEach(r -> {
                if (r.path("language").asString().equals(l.id()) && r.has("loop_ms")) {
                    loops.add(r.path("loop_ms").asDouble());
                }
            });
            line("| " + l.id() + " | " + secondsCell(t, l.id(), null, "quiet_cpu_ms") + " | "
                    + (loops.isEmpty() ? "–" : num(Stats.of(loops.stream().mapToDouble(Double::doubleValue)
                    .toArray()).median()) + " ms") + " | " + t.path("own_commands").path(l.runtime()).asOptional()
                    .map(c -> "`" + c.asString() + "`").orElse("–") + " |");
        }
        line("");
        line("Issue 24's targets:");
        line("");
        line("| target | measured | met |");
        line("|---|---|---|");
        typicalTargetRows().forEach(this::line);
        line("");
        List<String> failures = new ArrayList<>();
        t.path("servers").forEach(s -> {
            if (s.has("error")) {
                failures.add(s.path("language").asString() + " server " + s.path("round").asInt() + ": "
                        + s.path("error").asString());
            }
        });
        t.path("own").forEach(r -> {
            if (r.has("error")) {
                failures.add(r.path("runtime").asString() + " run " + r.path("round").asInt() + ": "
                        + r.path("error").asString());
            }
        });
        if (!failures.isEmpty()) {
            line("Failed: " + String.join("; ", failures) + ".");
            line("");
        }
    }

    private static String secondsCell(double[] seconds) {
        return seconds.length == 0 ? "failed" : Stats.of(seconds).describe("s");
    }

    private static String ratioCell(double[] seconds, double[] base) {
        return seconds.length == 0 || base.length == 0 ? "–"
                : num(Stats.of(seconds).median() / Stats.of(base).median()) + "×";
    }

    /** The median of a millisecond field of a language's servers, in seconds. */
    private static String secondsCell(JsonNode typical, String language, String which, String field) {
        return TypicalModel.medianOf(typical, language, which, field).map(ms -> num(ms / 1000) + " s").orElse("–");
    }

    /** A part that failed: its heading and the error, when there is one. */
    private void failed(String heading, String error) {
        if (error != null) {
            line("## " + heading);
            line("");
            line("Failed: " + error);
            line("");
        }
    }

    private void sizes() {
        failed("Response sizes", results.sizesError);
        JsonNode s = results.sizes;
        if (s == null) {
            return;
        }
        line("## Response sizes");
        line("");
        line("Bytes on the wire, measured on " + results.measuredOn.getOrDefault("sizes", "the day of this run")
                + ": the packaged server (`polysim serve`) over stdio, each response line as it came (UTF-8, newline "
                + "excluded), on one world (" + s.path("world").asString() + "), calls in this order with their "
                + "defaults. A tool's answer carries its data twice, as text content and as `structuredContent`; "
                + "\"text as sent\" is the text as a JSON string in the line, quotes and escapes included. "
                + "`tools/list` is what a desktop client sends the model before every conversation.");
        line("");
        JsonNode list = s.path("tools_list");
        long listBytes = list.path("line_bytes").asLong();
        long target = list.path("target_bytes").asLong(ResponseSizes.TOOLS_LIST_TARGET_BYTES);
        line("| response | arguments | line | text | text as sent | structuredContent | image (base64) |");
        line("|---|---|---|---|---|---|---|");
        line("| `initialize` | | " + bytes(s.path("initialize").path("line_bytes").asLong()) + " | instructions "
                + bytes(s.path("initialize").path("instructions_bytes").asLong()) + " | | | |");
        line("| `tools/list` | " + list.path("tools").asInt() + " tools | " + bytes(listBytes) + " (target: under "
                + bytes(target) + ", " + (listBytes < target ? "met" : "**not met**") + ") | | | | |");
        for (JsonNode c : s.path("calls")) {
            line("| `" + c.path("tool").asString() + "` | " + c.path("arguments").asString() + " | "
                    + bytes(c.path("line_bytes").asLong()) + " | " + bytes(c.path("text_bytes").asLong()) + " | "
                    + bytes(c.path("text_sent_bytes").asLong()) + " | " + optionalBytes(c.path("structured_bytes"))
                    + " | " + optionalBytes(c.path("image_base64_bytes")) + " |");
        }
        line("");
        List<String> largest = new ArrayList<>();
        s.path("tools_list").path("largest").forEach(t -> largest.add("`" + t.path("name").asString() + "` "
                + bytes(t.path("bytes").asLong())));
        line("The largest tool definitions in `tools/list` (compact JSON bytes): " + String.join(", ", largest) + ".");
        line("");
    }

    /** A byte count as it is: every digit, thousands separated. */
    static String bytes(long n) {
        return String.format(java.util.Locale.ROOT, "%,d", n);
    }

    private static String optionalBytes(JsonNode n) {
        return n.isMissingNode() ? "–" : bytes(n.asLong());
    }

    private static String seconds(JsonNode cold, long waitMs) {
        return java.util.Arrays.stream(coldPythonSeconds(cold, waitMs)).mapToObj(s -> num(s) + " s")
                .collect(java.util.stream.Collectors.joining(", "));
    }

    private void workload(String w) {
        line("## " + w);
        line("");
        List<Integer> sizes = new ArrayList<>(new TreeSet<>(results.ticks.stream()
                .filter(r -> r.path("workload").asString().equals(w)).map(r -> r.path("n").asInt()).toList()));
        StringBuilder head = new StringBuilder("| ms per tick |");
        StringBuilder rule = new StringBuilder("|---|");
        for (int n : sizes) {
            head.append(" n=").append(n).append(" | warm-up |");
            rule.append("---|---|");
        }
        line(head.toString());
        line(rule.toString());
        for (String impl : impls()) {
            StringBuilder row = new StringBuilder("| " + impl + " |");
            for (int n : sizes) {
                Optional<ObjectNode> r = result(w, n, impl);
                if (r.isEmpty()) {
                    row.append(" – | – |");
                } else if (!r.get().has("block_ms")) {
                    row.append(" failed: ").append(r.get().path("error").asString().replace('|', '/')).append(" | – |");
                } else {
                    row.append(' ').append(perTick(r.get()).describe("")).append(" | ")
                            .append(num(r.get().path("warmup_ms").asDouble())).append(" ms / ")
                            .append(r.get().path("warmup_ticks").asInt()).append(" ticks |");
                }
            }
            line(row.toString());
        }
        line("");
        line("| ratio (medians) |" + String.join("", sizes.stream().map(n -> " n=" + n + " |").toList()));
        line("|---|" + "---|".repeat(sizes.size()));
        for (String[] pair : new String[][] {{"lua", "lua5.4"}, {"lua", "luaj"}, {"luaj", "lua5.4"}, {"lua", "luajit"}, {"js", "node"},
                {"python", "cpython"}, {"lua", "java"}, {"js", "java"}, {"python", "java"}, {"java", "node"},
                {"java", "lua5.4"}, {"java", "cpython"}}) {
            StringBuilder row = new StringBuilder("| " + pair[0] + " / " + pair[1] + " |");
            for (int n : sizes) {
                Optional<Stats> a = steady(w, n, pair[0]);
                Optional<Stats> b = steady(w, n, pair[1]);
                row.append(a.isPresent() && b.isPresent() ? " " + num(a.get().median() / b.get().median()) + "× |"
                        : " – |");
            }
            line(row.toString());
        }
        line("");
        line("Check (" + checkMeaning(w) + "): " + checks(w));
        line("");
    }

    private static String checkMeaning(String w) {
        return switch (w) {
            case "wealth" -> "total wealth in states and in flight = n: conserved";
            case "chatter" -> "sum received + in flight, the same for every polysim language after as many ticks";
            default -> "sum of x over entities, the same for every implementation after as many ticks";
        };
    }

    private String checks(String w) {
        List<String> parts = new ArrayList<>();
        for (ObjectNode r : results.ticks) {
            if (r.path("workload").asString().equals(w) && r.has("check")) {
                long ticks = r.path("warmup_ticks").asLong() + r.path("ticks_per_block").asLong()
                        * r.path("block_ms").size(); // JavaScript and Python warm up for longer
                parts.add(r.path("impl").asString() + "@" + r.path("n").asInt() + "=" + num(r.path("check")
                        .asDouble()) + " (" + ticks + " ticks)");
            }
        }
        return String.join(", ", parts);
    }

    private void memory() {
        line("## World creation, memory, snapshot and copy (compute, 10k entities)");
        line("");
        line("Heap is used heap after full collections. Bytes per entity is the slope between a 1k and a 10k world, "
                + "each after one tick: what one more entity costs. The world's fixed cost (mostly the guest "
                + "context) is the rest. A one-entity world of the same language is created first, so the "
                + "language's shared engine (the cold start, first column) is not charged to either. State bytes: "
                + "one entity's state as a Jackson tree, which the engine holds whatever the language.");
        line("");
        line("| language | first world (cold) | 10k world created | bytes per entity | state bytes | "
                + "overhead per entity | world fixed | snapshot | copy |");
        line("|---|---|---|---|---|---|---|---|---|");
        for (ObjectNode m : results.memory) {
            if (!m.has("entity_bytes")) {
                line("| " + m.path("impl").asString() + " | failed: " + m.path("error").asString() + " ||||||||");
                continue;
            }
            line("| " + m.path("impl").asString() + " | " + num(m.path("first_world_ms").asDouble()) + " ms | "
                    + num(m.path("create_ms").asDouble()) + " ms | " + num(m.path("entity_bytes").asDouble()) + " | "
                    + num(m.path("state_bytes").asDouble()) + " | "
                    + num(m.path("entity_bytes").asDouble() - m.path("state_bytes").asDouble()) + " | "
                    + num(m.path("world_fixed_bytes").asDouble() / (1 << 20)) + " MiB | " + stats(m.path("snapshot_ms")).describe("ms") + " | " + stats(m.path("copy_ms")).describe("ms")
                    + " |");
        }
        line("");
    }

    private void boundary() {
        if (results.boundary.isEmpty()) {
            return;
        }
        line("## What a crossing into GraalJS and GraalPy costs, apart from polysim");
        line("");
        line("`BoundaryCost`: a bare call from Java into a guest function; the same call parsing and re-serialising "
                + "a two-number state in the guest (JSON in JavaScript, marshal in Python: what every polysim call "
                + "does while states are JSON owned by the engine); Jackson reading that state's text on the "
                + "host; and the `compute` kernel (1000 logistic-map steps) alone, then under the statement limit "
                + "polysim sets on every context. Microseconds per call, median of 10 rounds after 10 untimed rounds.");
        line("");
        line("| language | bare call | call + state parse and serialise | host JSON parse | compute kernel "
                + "| compute kernel under a statement limit |");
        line("|---|---|---|---|---|---|");
        for (ObjectNode b : results.boundary) {
            if (b.has("bare_call_us")) {
                line("| " + b.path("language").asString() + " | " + num(b.path("bare_call_us").asDouble()) + " µs | "
                        + num(b.path("state_round_trip_us").asDouble()) + " µs | "
                        + num(b.path("host_json_parse_us").asDouble()) + " µs | "
                        + num(b.path("compute_us").asDouble()) + " µs | "
                        + num(b.path("compute_statement_limit_us").asDouble()) + " µs |");
            } else {
                line("| " + b.path("impl").asString() + " | failed: " + b.path("error").asString() + " | | | | |");
            }
        }
        line("");
    }

    private void mcp() {
        failed("MCP over stdio", results.mcpError);
        if (results.mcp == null) {
            return;
        }
        line("## MCP over stdio (100-entity Lua world)");
        line("");
        line("The packaged server (`polysim serve`) driven by a minimal newline-delimited JSON-RPC client in the bench "
                + "process; each call waits for its response. " + results.mcp.path("get_world_state_us").size()
                + " timed calls per tool after 300 untimed ones.");
        line("");
        line("| figure | p50 | p99 | min | max |");
        line("|---|---|---|---|---|");
        Stats launch = stats(results.mcp.path("launch_ms"));
        line("| launch of `./polysim serve` to first tool response (`list_worlds`), 5 launches | "
                + num(launch.median()) + " ms | | " + num(launch.min()) + " ms | " + num(launch.max()) + " ms |");
        for (String tool : List.of("get_world_state_us", "advance_1_tick_us")) {
            JsonNode t = results.mcp.path(tool);
            Stats s = stats(t);
            line("| `" + tool.replace("_us", "") + "` round trip | " + num(percentile(t, 50)) + " µs | "
                    + num(percentile(t, 99)) + " µs | " + num(s.min()) + " µs | " + num(s.max()) + " µs |");
        }
        line("");
    }

    private void latency() {
        failed("MCP latency through the TypeScript SDK client", results.latencyError);
        if (results.latency == null) {
            return;
        }
        JsonNode l = results.latency;
        line("## MCP latency through the TypeScript SDK client (" + l.path("entities").asInt() + "-entity Lua world)");
        line("");
        line("`get_world_state` round trips timed by a client on the official TypeScript MCP SDK ("
                + l.path("sdk").asString() + ", node " + l.path("node").asString() + "; `Client` with "
                + "`StdioClientTransport`, [`mcp-latency/client.mjs`](mcp-latency/client.mjs)), each call awaited "
                + "before the next. Three servers over stdio, started side by side: `polysim serve`; a trivial server "
                + "on the TypeScript SDK answering a fixed result of the same text and structured content "
                + "([`trivial-server.mjs`](mcp-latency/trivial-server.mjs)), the floor the target is set against; "
                + "and the same trivial server on the Java SDK, its tool run on the SDK's reading thread "
                + "([`TrivialJavaServer`](src/main/java/org/polysim/bench/TrivialJavaServer.java)), what the Java "
                + "SDK costs by itself. Each server gets " + l.path("warmup").asInt() + " untimed calls, then "
                + l.path("blocks").asInt() + " blocks of " + l.path("per_block").asInt() + " timed calls alternate "
                + "between them, so all three see the same machine (the warm-up alternates too, in blocks of 100; its "
                + "first calls show what a fresh session sees while the JIT compilers work). The tails (p99, max) "
                + "are where the machine shows: the load average over the minute that ended the part was "
                + num(l.path("load_average").asDouble()) + " on " + Runtime.getRuntime().availableProcessors()
                + " cores.");
        line("");
        line("| server | p50 | p90 | p99 | max | p50 / trivial TypeScript | warm-up: p50 of the first "
                + FIRST_CALLS + " calls |");
        line("|---|---|---|---|---|---|---|");
        double floor = percentile(McpLatency.times(l, McpLatency.TRIVIAL_TS), 50);
        for (String server : List.of(McpLatency.POLYSIM, McpLatency.TRIVIAL_JAVA, McpLatency.TRIVIAL_TS)) {
            JsonNode t = McpLatency.times(l, server);
            if (t.isArray() && !t.isEmpty()) {
                line("| " + server + " | " + num(percentile(t, 50)) + " µs | " + num(percentile(t, 90)) + " µs | "
                        + num(percentile(t, 99)) + " µs | " + num(stats(t).max()) + " µs | "
                        + num(percentile(t, 50) / floor) + "× | " + firstCalls(l.path("warmup_us").path(server))
                        + " |");
            }
        }
        line("");
    }

    /** The latency part's warm-up calls of a fresh server that the report sums up: what a short session sees. */
    private static final int FIRST_CALLS = 1000;

    private static String firstCalls(JsonNode warmup) {
        if (!warmup.isArray() || warmup.size() < FIRST_CALLS) {
            return "–";
        }
        var first = Workload.JSON.createArrayNode();
        for (int i = 0; i < FIRST_CALLS; i++) {
            first.add(warmup.get(i));
        }
        return num(percentile(first, 50)) + " µs";
    }

    private void sweep() {
        ObjectNode s = results.sweep;
        if (s == null) {
            return;
        }
        line("## Experiments on 1 and 2 threads");
        line("");
        if (s.has("error")) {
            line("Failed: " + s.path("error").asString());
            line("");
            return;
        }
        line("`" + s.path("experiment").asString() + "` (`examples/sir-epidemic/sweep.yaml`: " + s.path("runs").asInt()
                + " runs of " + s.path("steps").asInt() + " ticks, 1000 people in Lua), run whole on 1 and on 2 local "
                + "threads, alternating after an untimed warm-up run, in one process (`SweepScaling`). The runs "
                + "table was " + (s.path("identical_tables").asBoolean() ? "byte-identical" : "**not** identical")
                + " in every run.");
        line("");
        double one = percentile(s.path("threads_1_ms"), 50);
        double two = percentile(s.path("threads_2_ms"), 50);
        line("| threads | each run (ms) | median | speed-up |");
        line("|---|---|---|---|");
        line("| 1 | " + list(s.path("threads_1_ms")) + " | " + num(one / 1000) + " s | 1 |");
        line("| 2 | " + list(s.path("threads_2_ms")) + " | " + num(two / 1000) + " s | " + num(one / two) + "x |");
        line("");
    }

    /** Issue 27: networks built, neighbours read, broadcasts delivered ({@link NetworkCost}). */
    private void network() {
        ObjectNode n = results.network;
        if (n == null) {
            return;
        }
        line("## Networks and broadcasts");
        line("");
        if (n.has("error")) {
            line("Failed: " + n.path("error").asString());
            line("");
            return;
        }
        line("`./polysim bench --parts network` (`NetworkCost`, one fresh process). **Build**: a world of "
                + n.path("build_nodes").asInt() + " idle Lua entities created with and without its network, "
                + "alternating after an untimed pair; the network's cost is the difference of the medians (JGraphT's "
                + "generator, then each entity's sorted links).");
        line("");
        line("| generator | links | world with network (ms) | without (ms) | network (median, s) |");
        line("|---|---|---|---|---|");
        for (var b : n.path("builds")) {
            double with = percentile(b.path("with_ms"), 50), without = percentile(b.path("without_ms"), 50);
            line("| " + b.path("generator").asString() + " | " + b.path("links").asLong() + " | "
                    + list(b.path("with_ms")) + " | " + list(b.path("without_ms")) + " | "
                    + num((with - without) / 1000) + " |");
        }
        line("");
        line("get_network's measures of the Erdős–Rényi network (degrees, components, clustering over 2,000 sampled "
                + "nodes, paths from as many nodes as 10 million link visits allow; `NetworkView.summary`): "
                + list(n.path("summary_ms")) + " ms.");
        line("");
        line("**Reading neighbours**: ns per call of `e.neighbors()` (10 neighbours, a list back) and of "
                + "`e.degree()` (a number back: the cheapest host call), " + n.path("calls").path(0)
                .path("calls_per_update").asInt() + " calls in each update of " + n.path("calls").path(0)
                .path("entities").asInt() + " entities, ten ticks a round after twenty untimed.");
        line("");
        line("| language | e.neighbors() (ns) | e.degree() (ns) | ratio (medians) |");
        line("|---|---|---|---|");
        for (var c : n.path("calls")) {
            double nb = percentile(c.path("neighbors_ns"), 50), dg = percentile(c.path("degree_ns"), 50);
            line("| " + c.path("language").asString() + " | " + list(c.path("neighbors_ns")) + " | "
                    + list(c.path("degree_ns")) + " | " + num(nb / dg) + " |");
        }
        line("");
        ObjectNode b = (ObjectNode) n.path("broadcast");
        line("**Broadcasts**: ms a tick of " + b.path("entities").asInt() + " Lua entities, each messaging its "
                + b.path("neighbours").asInt() + " neighbours on a small world (Watts–Strogatz k 10) by one "
                + "`e.broadcast` or by a loop of `e.send` over `e.neighbors()`, and each broadcasting within radius "
                + "1.8 on a 100 × 100 torus (resolved at delivery); the tick includes delivering the messages.");
        line("");
        line("| way | ms a tick (rounds) | median | messages delivered a tick |");
        line("|---|---|---|---|");
        for (String way : List.of("broadcast", "send_loop", "radius")) {
            line("| " + way + " | " + list(b.path(way + "_ms")) + " | " + num(percentile(b.path(way + "_ms"), 50))
                    + " | " + b.path(way + "_delivered_per_tick").asLong() + " |");
        }
        line("");
    }

    private static String list(tools.jackson.databind.JsonNode values) {
        List<String> out = new java.util.ArrayList<>();
        values.forEach(v -> out.add(num(v.asDouble())));
        return String.join(", ", out);
    }

    private void autosave() {
        if (results.autosave.isEmpty()) {
            return;
        }
        line("## Autosave (worlds kept in the workspace)");
        line("");
        line("A one-tick `advance_simulation` of the wealth workload in Lua, on two servers started side by side: "
                + "one keeping its worlds in the workspace (the default: each run appends a journal line before its "
                + "call returns, and the world file is rewritten in the background once enough runs have piled up), "
                + "one `--ephemeral`. Calls alternate between them in blocks; figures are medians of round trips.");
        line("");
        line("| n | stored | ephemeral | added | world file |");
        line("|---|---|---|---|---|");
        for (ObjectNode a : results.autosave) {
            if (a.has("error")) {
                line("| " + a.path("n").asInt() + " | failed: " + a.path("error").asString() + " | | | |");
                continue;
            }
            double stored = percentile(a.path("stored_us"), 50) / 1000;
            double memory = percentile(a.path("ephemeral_us"), 50) / 1000;
            line("| " + a.path("n").asInt() + " | " + num(stored) + " ms | " + num(memory) + " ms | "
                    + num(100 * (stored - memory) / memory) + " % | " + num(a.path("file_bytes").asDouble() / 1024)
                    + " KB |");
        }
        line("");
    }

    private List<String> workloads() {
        return results.ticks.stream().map(r -> r.path("workload").asString()).distinct().toList();
    }

    private List<String> impls() {
        return results.ticks.stream().map(r -> r.path("impl").asString()).distinct().toList();
    }

    private Optional<ObjectNode> result(String w, int n, String impl) {
        return result(results.ticks, w, n, impl);
    }

    private static <T extends JsonNode> Optional<T> result(List<T> ticks, String w, int n, String impl) {
        return ticks.stream().filter(r -> r.path("workload").asString().equals(w) && r.path("n").asInt() == n
                && r.path("impl").asString().equals(impl)).findFirst();
    }

    private Optional<Stats> steady(String w, int n, String impl) {
        return steady(results.ticks, w, n, impl);
    }

    private static Optional<Stats> steady(List<? extends JsonNode> ticks, String w, int n, String impl) {
        return result(ticks, w, n, impl).filter(r -> r.has("block_ms")).map(Report::perTick);
    }

    private static Stats stats(JsonNode values) {
        return Stats.of(doubles(values));
    }

    static double percentile(JsonNode values, int p) {
        double[] v = doubles(values);
        java.util.Arrays.sort(v);
        return v[Math.min(v.length - 1, (int) Math.ceil(p / 100.0 * v.length) - 1)];
    }

    private static double[] doubles(JsonNode values) {
        double[] v = new double[values.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = values.get(i).asDouble();
        }
        return v;
    }

    private static String mark(boolean met) {
        return met ? "yes" : "**no**";
    }

    /** A figure in a table: three significant digits, as every polysim summary writes numbers. */
    static String num(double v) {
        return org.polysim.engine.Numbers.brief(v, 3);
    }

    private void line(String s) {
        md.append(s).append('\n');
    }

    /** This machine's CPU and cores, as the machine table and results.json's {@code measured_cpu} name it. */
    static String machine() throws IOException {
        return cpu() + ", " + Runtime.getRuntime().availableProcessors() + " cores";
    }

    /** Parts whose figures do not depend on the machine they were measured on. */
    private static final java.util.Set<String> MACHINE_INDEPENDENT = java.util.Set.of("sizes");

    /**
     * The machine table's CPU: this machine's, or, when parts of other runs are reused and any was measured
     * elsewhere, each machine with its parts (a part whose machine an older results.json did not record says so).
     */
    private String cpuLine() throws IOException {
        String here = machine();
        if (results.reused.isEmpty()) {
            return here;
        }
        Map<String, List<String>> partsByMachine = new java.util.LinkedHashMap<>();
        results.measuredOn.keySet().forEach(part -> partsByMachine.computeIfAbsent(results.measuredCpu
                .getOrDefault(part, "not recorded"), m -> new ArrayList<>()).add(part + (MACHINE_INDEPENDENT
                .contains(part) ? " (byte counts, the same on any machine)" : "")));
        List<String> unrecorded = partsByMachine.remove("not recorded");
        if (unrecorded != null) {
            partsByMachine.put("not recorded", unrecorded); // last
        }
        if (partsByMachine.keySet().equals(java.util.Set.of(here))) {
            return here;
        }
        List<String> said = new ArrayList<>();
        partsByMachine.forEach((m, parts) -> said.add(m + ": " + String.join(", ", parts)));
        return String.join("; ", said);
    }

    private static String cpu() throws IOException {
        return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("unknown CPU");
    }

    private static String memTotal() throws IOException {
        return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                .map(l -> l.replaceAll("\\D+", "")).map(kb -> Long.parseLong(kb) / 1024 / 1024 + " GiB").findFirst()
                .orElse("unknown");
    }

    private static String version(String command) throws IOException, InterruptedException {
        try {
            Process p = new ProcessBuilder(command, command.startsWith("lua") ? "-v" : "--version")
                    .redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes()).strip().lines().findFirst().orElse("");
            p.waitFor(10, TimeUnit.SECONDS);
            return text;
        } catch (IOException e) {
            return "not found";
        }
    }
}
