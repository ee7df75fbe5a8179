package org.polysim.mcp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The directory snapshot files live in; every path a tool is given must resolve inside it. */
final class Workspace {

    private final Path root;

    Workspace(Path root) throws IOException {
        Files.createDirectories(root);
        this.root = root.toRealPath();
    }

    Path root() {
        return root;
    }

    /** Resolves a user path (relative to the workspace, or absolute inside it), refusing anything outside. */
    Path resolve(String userPath) {
        Path p = root.resolve(userPath).normalize();
        Path real = p;
        try {
            Path existing = p;
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            if (existing != null) { // symlinks must not lead out either
                real = existing.toRealPath().resolve(existing.relativize(p)).normalize();
            }
        } catch (IOException e) {
            throw new ToolError("cannot resolve path '" + userPath + "': " + e.getMessage());
        }
        if (!p.startsWith(root) || !real.startsWith(root)) {
            throw new ToolError("path '" + userPath + "' is outside the workspace " + root
                    + "; use a path relative to it, e.g. 'runs/market.yaml'");
        }
        String name = p.getFileName() == null ? "" : p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (!name.endsWith(".yaml") && !name.endsWith(".yml") && !name.endsWith(".json")) {
            throw new ToolError("file_path '" + userPath + "' must end in .yaml, .yml or .json (the format follows "
                    + "the extension)");
        }
        return p;
    }
}
