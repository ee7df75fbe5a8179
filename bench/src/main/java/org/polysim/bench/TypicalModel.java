package org.polysim.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue 24's measure of what a user feels ({@code --parts typical}): a small, short model run through the MCP server
 * as a client runs it, beside the same model in each language's own runtime as a whole process. The model is the
 * {@code wealth} workload (Boltzmann wealth by messages) at {@link #AGENTS} agents for {@link #TICKS} ticks, seed 42:
 * polysim runs {@code workloads/wealth.<ext>}, the own runtimes {@code native/native.<ext>}, the same logic
 * (`WorkloadsAgreeTest` checks it).
 */
final class TypicalModel {

    static final int AGENTS = 300;
    static final int TICKS = 200;
    /**
     * Quiet after the handshake before the first world, the issue's 10 s: about when the server's warm-up of its
     * languages ends on this machine (its CPU time stops growing 10 to 11 s after the handshake). To ask what a later
     * first world costs, {@code -Dbench.typical.quiet_ms=20000}; the report says the wait it ran with.
     */
    static final long QUIET_MS = Long.getLong("bench.typical.quiet_ms", 10_000);
    /** Fresh servers per language, languages alternating between servers so they share the machine's drift. */
    static final int SERVER_ROUNDS = 3;
    /** Whole-process runs per own runtime, alternating between runtimes and spread between the server rounds. */
    static final int OWN_RUNS = 5;
    /** The issue's bound on a second world: this many times its own runtime's whole process. */
    static final double SECOND_WORLD_LIMIT = 5;
    /**
     * The run's deadline for {@code advance_simulation}, above the default 30 s: a loaded machine must not stop a
     * cold Python world early (the figure would then be of fewer ticks).
     */
    private static final double ADVANCE_MAX_SECONDS = 600;

    /**
     * One language of the part: polysim's name for it, its own runtime (a {@link Bench#NATIVES} name), the issue's
     * bound on the first world, and how its comments start (the second world's script is edited by one).
     */
    record Language(String id, String runtime, double firstWorldLimitSeconds, String commentMark) {
    }

    static final List<Language> LANGUAGES = List.of(new Language("python", "cpython", 2, "#"),
            new Language("js", "node", 1, "//"), new Language("lua", "lua5.4", 0.3, "--"));

    private TypicalModel() {
    }

    /**
     * Every server round and own-runtime run; progress on stderr. A server or a run that fails is recorded with its
     * error and the part goes on.
     */
    static ObjectNode measure(List<String> serverCommand, Path nativeDir, Path scripts) throws IOException {
        ObjectNode result = Workload.JSON.createObjectNode().put("agents", AGENTS).put("ticks", TICKS)
                .put("seed", 42).put("quiet_ms", QUIET_MS).put("load_average_start", loadAverage());
        java.util.Map<Language, List<String>> ownCommands = new java.util.LinkedHashMap<>();
        String python = pythonExecutable();
        ObjectNode commands = result.putObject("own_commands");
        for (Language language : LANGUAGES) {
            ownCommands.put(language, ownCommand(language, nativeDir, python));
            // as run from the checkout's root, the way the report names files
            commands.put(language.runtime(), String.join(" ", ownCommands.get(language))
                    .replace(nativeDir.getParent().getParent() + "/", ""));
        }
        ArrayNode servers = result.putArray("servers");
        ArrayNode own = result.putArray("own");
        for (int round = 1; round <= Math.max(SERVER_ROUNDS, OWN_RUNS); round++) {
            for (Language language : round <= SERVER_ROUNDS ? LANGUAGES : List.<Language>of()) {
                servers.add(server(serverCommand, language, scripts, round));
            }
            for (Language language : round <= OWN_RUNS ? LANGUAGES : List.<Language>of()) {
                own.add(ownRun(language, ownCommands.get(language), round));
            }
        }
        return result.put("load_average_end", loadAverage());
    }

    /** A fresh server: the handshake, the quiet, the first world of the language, then a second world beside it. */
    private static ObjectNode server(List<String> serverCommand, Language language, Path scripts, int round) {
        Bench.progress("typical: fresh server, " + QUIET_MS / 1000 + " s quiet, two " + language.id() + " worlds of "
                + AGENTS + " agents × " + TICKS + " ticks (round " + round + ")");
        ObjectNode server = Workload.JSON.createObjectNode().put("language", language.id()).put("round", round);
        try (McpRoundTrip client = McpRoundTrip.start(serverCommand)) {
            long cpuAtHandshake = client.serverCpuMillis();
            Thread.sleep(QUIET_MS);
            server.put("quiet_cpu_ms", client.serverCpuMillis() - cpuAtHandshake);
            ObjectNode first = Workload.WEALTH.world(language.id(), AGENTS, scripts).put("name", "typical-first");
            server.set("first", world(client, first));
            server.set("second", world(client, edited(Workload.WEALTH.world(language.id(), AGENTS, scripts)
                    .put("name", "typical-second"), language)));
            Bench.progress("  first " + Report.num(server.path("first").path("total_ms").asDouble() / 1000)
                    + " s, second " + Report.num(server.path("second").path("total_ms").asDouble() / 1000) + " s");
        } catch (Exception e) {
            server.put("error", String.valueOf(e.getMessage()));
            Bench.progress("  failed: " + e);
        }
        return server;
    }

    /**
     * The same model with its script's text changed by a comment, as after an LLM's edit: a second world gets new
     * source, not the first world's again.
     */
    private static ObjectNode edited(ObjectNode world, Language language) {
        ObjectNode script = (ObjectNode) world.path("scripts").path("agent");
        script.put("source", script.path("source").asString() + "\n" + language.commentMark() + " run again\n");
        return world;
    }

    /** {@code create_world} then {@code advance_simulation} of {@link #TICKS} ticks, timed from request to response. */
    private static ObjectNode world(McpRoundTrip client, ObjectNode world) throws IOException {
        String name = world.path("name").asString();
        long cpuBefore = client.serverCpuMillis();
        long start = System.nanoTime();
        client.call("create_world", world);
        long created = System.nanoTime();
        JsonNode advanced = client.call("advance_simulation", Workload.JSON.createObjectNode().put("world_name", name)
                .put("num_steps", TICKS).put("max_seconds", ADVANCE_MAX_SECONDS));
        long end = System.nanoTime();
        long ticksRun = advanced.path("result").path("structuredContent").path("ticks_run").asLong(-1);
        if (ticksRun != TICKS) {
            throw new IllegalStateException("advance_simulation ran " + ticksRun + " of " + TICKS + " ticks: "
                    + advanced);
        }
        return Workload.JSON.createObjectNode().put("create_ms", (created - start) / 1e6)
                .put("advance_ms", (end - created) / 1e6).put("total_ms", (end - start) / 1e6)
                .put("server_cpu_ms", client.serverCpuMillis() - cpuBefore);
    }

    /** The own runtime's program as a whole process, timed from spawn to exit (start-up included). */
    private static ObjectNode ownRun(Language language, List<String> command, int round) {
        ObjectNode run = Workload.JSON.createObjectNode().put("language", language.id())
                .put("runtime", language.runtime()).put("round", round);
        try {
            long start = System.nanoTime();
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
            }
            long end = System.nanoTime();
            if (p.exitValue() != 0 || !out.startsWith("{")) {
                throw new IllegalStateException("exit " + p.exitValue() + ": " + out);
            }
            JsonNode printed = Workload.JSON.readTree(out);
            run.put("process_ms", (end - start) / 1e6).put("loop_ms", printed.path("block_ms").path(0).asDouble())
                    .put("check", printed.path("check").asDouble());
        } catch (Exception e) {
            run.put("error", String.valueOf(e.getMessage()));
            Bench.progress("typical: " + language.runtime() + " failed: " + e);
        }
        return run;
    }

    /**
     * The wealth program of {@code native/} with no warm-up and one block of {@link #TICKS} ticks. CPython is started
     * by its own executable: {@code python3} may be a version manager's shim, a shell script whose start-up (0.5 to
     * 1.8 s on this machine under load) is not CPython's.
     */
    static List<String> ownCommand(Language language, Path nativeDir, String pythonExecutable) {
        Bench.Native nat = Bench.NATIVES.stream().filter(n -> n.name().equals(language.runtime())).findFirst()
                .orElseThrow();
        String executable = nat.name().equals("cpython") ? pythonExecutable : nat.command();
        return List.of(executable, nativeDir.resolve(nat.program()).toString(), "wealth", "" + AGENTS, "0", "1",
                "" + TICKS);
    }

    private static String pythonExecutable() throws IOException {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import sys; print(sys.executable)").start();
            String path = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            p.waitFor(1, TimeUnit.MINUTES);
            return path.isEmpty() ? "python3" : path;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "python3";
        }
    }

    private static double loadAverage() throws IOException {
        return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    }

    // --- what the report reads back ---

    /** Seconds of one world ({@code "first"} or {@code "second"}) of each server of a language that answered. */
    static double[] worldSeconds(JsonNode typical, String language, String which) {
        List<Double> seconds = new ArrayList<>();
        for (JsonNode s : typical.path("servers")) {
            if (s.path("language").asString().equals(language) && s.path(which).has("total_ms")) {
                seconds.add(s.path(which).path("total_ms").asDouble() / 1000);
            }
        }
        return seconds.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Seconds of each whole-process run of a language's own runtime. */
    static double[] ownSeconds(JsonNode typical, String language) {
        List<Double> seconds = new ArrayList<>();
        for (JsonNode r : typical.path("own")) {
            if (r.path("language").asString().equals(language) && r.has("process_ms")) {
                seconds.add(r.path("process_ms").asDouble() / 1000);
            }
        }
        return seconds.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The median of a field of one world of a language's servers, in milliseconds. */
    static Optional<Double> medianOf(JsonNode typical, String language, String which, String field) {
        List<Double> values = new ArrayList<>();
        for (JsonNode s : typical.path("servers")) {
            JsonNode node = which == null ? s : s.path(which);
            if (s.path("language").asString().equals(language) && node.has(field)) {
                values.add(node.path(field).asDouble());
            }
        }
        return values.isEmpty() ? Optional.empty()
                : Optional.of(Stats.of(values.stream().mapToDouble(Double::doubleValue).toArray()).median());
    }
}
