package org.polysim.mcp;

import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * The server's prompts: the three things people start a session with (build a model from a description, study a
 * parameter, explain a run), each a user message that names the tools and resources to use, so a desktop client
 * can offer them as ready-made starts (slash commands, a prompt menu).
 */
final class Prompts {

    private Prompts() {}

    /** One prompt: its arguments (name to description; required ones first) and the text it fills in. */
    private record Prompt(String name, String description, Map<String, String> required,
                          Map<String, String> optional, Function<Map<String, Object>, String> text) {
    }

    private static final List<Prompt> ALL = List.of(
            new Prompt("build_model", "Build and check a polysim model from a description in words.",
                    Map.of("description", "What to model: the agents, what they do, what to measure."),
                    Map.of("language", "lua, js or python (default: lua)."),
                    a -> {
                        String language = String.valueOf(a.getOrDefault("language", "lua"));
                        return "Build a polysim model of this: " + a.get("description") + "\n\n"
                                + "First read polysim://docs/guide and polysim://docs/" + language + " (or start "
                                + "from a close example in polysim://examples/*). Write the world in " + language
                                + " and create it with create_world; keep the model's numbers in params so they "
                                + "can be varied. If the agents interact along contacts (friends, partners, "
                                + "suppliers), give the world a network (network: {generator: ...} or edges) and "
                                + "use e.neighbors() and e.broadcast instead of keeping ids in e.state; if they "
                                + "meet in space, give it a space and use e.near. Record what matters with e.metric "
                                + "each tick; the engine already "
                                + "counts each script's entities as entities.<script>. For a count that can reach "
                                + "zero, record it every tick or declare metrics: {name: {missing: 0}}. Advance 5 "
                                + "ticks and read the reply, get_log and a few entity states to check that the "
                                + "entities do what the description says before running longer; fix scripts with "
                                + "update_script. Then advance the whole run, look at plot_metrics, and report "
                                + "what the model shows and what it assumes.";
                    }),
            new Prompt("study_parameter", "Find out how one parameter changes a world's outcome, with "
                    + "replications and confidence intervals.",
                    Map.of("world_name", "The world to study (see list_worlds).",
                            "param", "The param to vary (one of the world's params)."),
                    Map.of("values", "The values to try, e.g. 0.1, 0.2, 0.4 (default: a range around the current "
                            + "value).", "steps", "Ticks per run (default: as long as the question needs)."),
                    a -> "Study how param '" + a.get("param") + "' of world '" + a.get("world_name") + "' changes "
                            + "its outcome. Read the world with get_world_state and get_script, and say which "
                            + "metric answers the question. Save the world to a file with "
                            + "save_world_snapshot_to_file (runs start where the saved world is: save it before it "
                            + "has run, or copy_world a fresh one) and call run_experiment with experiment: {world: "
                            + "<that file>, vary: {" + a.get("param") + ": [" + a.getOrDefault("values", "values around the "
                            + "current one") + "]}, steps: " + a.getOrDefault("steps", "enough to settle")
                            + ", replications: 10 or more}. Report each value's mean and 95% interval from the "
                            + "summary table, and say how many runs had no value at their final tick (missing): a "
                            + "metric nobody recorded at the end is not its last earlier value. Say whether the "
                            + "intervals overlap before claiming an effect."),
            new Prompt("explain_run", "Explain what happened in a world and why.",
                    Map.of("world_name", "The world to explain (see list_worlds)."),
                    Map.of(),
                    a -> "Explain what happened in world '" + a.get("world_name") + "'. Start with "
                            + "get_world_state (time, entities by script, params) and list_metrics (each metric's "
                            + "last value and when it was recorded: a metric without a value now has stopped), then "
                            + "plot_metrics for the shape over time. Find the turning points, and for each read "
                            + "get_log around it and trace_entity of one entity involved (what it received, how "
                            + "its state changed, what it did). Tie each claim to a number you read, and say what "
                            + "you would run next (copy_world with another seed or params) to test it."));

    static List<McpServerFeatures.AsyncPromptSpecification> specifications() {
        List<McpServerFeatures.AsyncPromptSpecification> out = new ArrayList<>();
        for (Prompt p : ALL) {
            List<McpSchema.PromptArgument> args = new ArrayList<>();
            new java.util.TreeMap<>(p.required()).forEach((n, d) -> args.add(new McpSchema.PromptArgument(n, d,
                    true)));
            new java.util.TreeMap<>(p.optional()).forEach((n, d) -> args.add(new McpSchema.PromptArgument(n, d,
                    false)));
            out.add(new McpServerFeatures.AsyncPromptSpecification(new McpSchema.Prompt(p.name(), p.description(),
                    args), (exchange, request) -> Mono.fromCallable(() -> get(p, request))));
        }
        return out;
    }

    private static McpSchema.GetPromptResult get(Prompt p, McpSchema.GetPromptRequest request) {
        Map<String, Object> given = request.arguments() == null ? Map.of() : request.arguments();
        List<String> missing = p.required().keySet().stream().filter(n -> given.get(n) == null
                || String.valueOf(given.get(n)).isBlank()).sorted().toList();
        if (!missing.isEmpty()) {
            throw McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS).message("prompt " + p.name() + " needs "
                    + String.join(" and ", missing) + " (" + String.join("; ", missing.stream().map(n -> n + ": "
                    + p.required().get(n)).toList()) + ")").build();
        }
        return new McpSchema.GetPromptResult(p.description(), List.of(new McpSchema.PromptMessage(
                McpSchema.Role.USER, new McpSchema.TextContent(p.text().apply(given)))));
    }
}
