package org.polysim.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.polysim.mcp.ServerProcess.data;

import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** run_experiment through the packaged server: tables in the workspace, progress, and errors before any run. */
class McpExperimentIT extends ServerSession {

    private static final Map<String, Object> WORLD = Map.of(
            "params", Map.of("step", 1),
            "scripts", Map.of("w", Map.of("language", "lua", "source",
                    "function update(e, inbox) if e.random() < 0.5 then e.state.x = (e.state.x or 0) + e.params.step"
                            + " end e.metric('x', e.state.x or 0) end")),
            "entities", List.of(Map.of("script", "w", "count", 2)));

    @Test
    void anInlineExperimentWritesBothTablesIntoTheWorkspaceAndReportsProgress() throws Exception {
        McpSchema.CallToolResult r = client.callTool(McpSchema.CallToolRequest.builder("run_experiment")
                .arguments(Map.of("experiment", Map.of("name", "walk", "world", WORLD, "steps", 10,
                        "vary", Map.of("step", List.of(1, 3)), "replications", 4, "seed", 5), "threads", 2))
                .meta(Map.of("progressToken", "sweep-progress")).build());
        assertThat(r.isError()).as(ServerProcess.text(r)).isFalse();
        Map<String, Object> out = data(r);
        assertThat(out.get("runs_csv")).isEqualTo("experiments/walk/walk-runs.csv");
        assertThat(Files.readAllLines(workspace.resolve("experiments/walk/walk-runs.csv"))).hasSize(1 + 8);
        assertThat(Files.readAllLines(workspace.resolve("experiments/walk/walk-summary.csv")).getFirst())
                .isEqualTo("point,step,entities.w.n,entities.w.missing,entities.w.mean,entities.w.sd,"
                        + "entities.w.ci95_low,entities.w.ci95_high,x.n,x.missing,x.mean,x.sd,x.ci95_low,x.ci95_high");
        assertThat((List<?>) out.get("summary")).hasSize(2);
        assertThat(ServerProcess.text(r)).contains("8 runs (2 grid points x 4 replications");
        for (int i = 0; i < 100 && progress.stream().noneMatch(p -> "sweep-progress".equals(
                String.valueOf(p.progressToken()))); i++) {
            Thread.sleep(50);
        }
        assertThat(progress).anySatisfy(p -> assertThat(p.message()).contains("of 8"));
    }

    @Test
    void badExperimentsAreRefusedNamingTheField() {
        assertThat(error("run_experiment", Map.of("experiment", Map.of("world", WORLD, "steps", 10,
                "vary", Map.of("speed", List.of(1, 2)), "replications", 2))))
                .contains("vary.speed: the world has no param 'speed' (its params: step)");
        assertThat(error("run_experiment", Map.of("experiment", Map.of("world", WORLD, "steps", 10,
                "replications", 0)))).contains("replications: must be at least 1");
        assertThat(error("run_experiment", Map.of("experiment", Map.of("world", WORLD, "steps", 10),
                "out_dir", "../outside"))).contains("out_dir '../outside'", "outside the workspace");
        assertThat(error("run_experiment", Map.of("experiment", Map.of("world", "../w.yaml", "steps", 1))))
                .contains("world:", "outside the workspace");
    }
}
