package org.polysim.mcp;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.polysim.engine.MetricView;
import org.polysim.plot.CsvFile;
import org.polysim.plot.EntitiesCsv;
import org.polysim.plot.LinksCsv;
import org.polysim.plot.Metrics;
import org.polysim.plot.MetricsCsv;
import tools.jackson.databind.node.ObjectNode;

/** export_metrics and export_entities: CSV files in the workspace, for analysis outside the conversation. */
final class ExportTools {

    private static final String WORLD = "Name of the world.";
    private static final List<String> CSV = List.of(".csv");
    /** Longest preview line in a response. */
    private static final int PREVIEW_CHARS = 400;

    private final ServerState state;

    ExportTools(ServerState state) {
        this.state = state;
    }

    List<Tool> tools() {
        return List.of(
                new Tool("export_metrics", "Write metrics to a CSV file in the workspace: a row per tick, columns time, "
                        + "tick and one per metric (empty: no value). Returns the first rows.",
                        PlotTools.window(Schema.of().required("world_name", "string", WORLD)
                                .required("file_path", "string", "A .csv path in the workspace (replaced).")
                                .optional("metrics", "array", "Metric names (default: all).", Schema.STRINGS)),
                        written(), Tool.Hints.REPLACE, this::metrics),
                new Tool("export_entities", "Write the live entities to a CSV file in the workspace: a row per "
                        + "entity, columns id, script and each state field (nested as a.b); or the network's links. "
                        + "Returns the first rows.",
                        Schema.of().required("world_name", "string", WORLD)
                                .required("file_path", "string", "A .csv path in the workspace (replaced).")
                                .optional("table", "string", "entities (default) or links."),
                        written(), Tool.Hints.REPLACE, this::entities));
    }

    private static Schema written() {
        return Schema.of().optional("file_path", "string", "Absolute path written.")
                .optional("rows", "integer", "Rows written, the header not counted.")
                .optional("columns", "integer", "Columns.")
                .optional("preview", "string", "The header and the first rows.").open();
    }

    private Tool.Result metrics(Tool.Call c) throws Exception {
        String name = c.args().string("world_name");
        Path file = csv(c.args());
        List<String> asked = c.args().optStrings("metrics");
        PlotTools.Window window = PlotTools.Window.of(c.args());
        return state.worlds.withWorld(name, w -> {
            List<MetricView> metrics = Metrics.of(w, asked);
            if (metrics.isEmpty()) {
                throw new ToolError("world '" + name + "' has no metrics yet: scripts record them with "
                        + "e.metric(name, value) and they appear after a tick");
            }
            return result(name, file, () -> MetricsCsv.write(file, metrics, window.since(), window.until(), w.dt()),
                    "ticks");
        });
    }

    private Tool.Result entities(Tool.Call c) throws Exception {
        String name = c.args().string("world_name");
        Path file = csv(c.args());
        String table = c.args().optString("table");
        if (table != null && !table.equals("entities") && !table.equals("links")) {
            throw new ToolError("export_entities: table must be entities or links, got '" + table + "'");
        }
        return state.worlds.withWorld(name, w -> {
            if ("links".equals(table)) {
                if (!w.hasNetwork()) {
                    throw new ToolError("world '" + name + "' has no network, so no links to export");
                }
                return result(name, file, () -> LinksCsv.write(file, w.network()), "links");
            }
            return result(name, file, () -> EntitiesCsv.write(file, w), "entities");
        });
    }

    private Path csv(Args args) {
        return state.workspace.resolve(args.string("file_path"), CSV, "these tools write CSV");
    }

    /** Writing a CSV file. */
    @FunctionalInterface
    private interface Export {
        CsvFile.Written write() throws IOException;
    }

    private Tool.Result result(String world, Path file, Export export, String what) {
        CsvFile.Written w;
        try {
            w = export.write();
        } catch (IOException e) {
            throw new ToolError("could not write " + state.workspace.root().relativize(file) + ": "
                    + (e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason()
                    : e.getMessage()) + "; choose another path relative to the workspace");
        }
        String preview = w.preview().lines().map(ExportTools::shortened).collect(
                java.util.stream.Collectors.joining("\n"));
        ObjectNode out = Json.object().put("world_name", world).put("file_path", w.file().toString())
                .put("rows", w.rows()).put("columns", w.columns()).put("preview", preview);
        if (!w.note().isEmpty()) {
            out.put("note", w.note());
        }
        return new Tool.Result(out, "wrote " + w.rows() + " " + what + " x " + w.columns() + " columns of '" + world
                + "' to " + w.file() + (w.note().isEmpty() ? "" : " (" + w.note() + ")") + "; header and first "
                + "rows:\n" + preview, true);
    }

    /** A preview line of a wide table, cut: the file has it whole. */
    private static String shortened(String line) {
        return line.length() <= PREVIEW_CHARS ? line : line.substring(0, PREVIEW_CHARS) + "...(" + (line.length()
                - PREVIEW_CHARS) + " more characters in the file)";
    }
}
