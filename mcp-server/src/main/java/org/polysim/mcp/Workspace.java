package org.polysim.mcp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The directory snapshot files live in; every path a tool is given must resolve inside it. */
final class Workspace {

    /** Longest file or folder name in a path (a file system allows 255 bytes; a UTF-8 char may take 4). */
    static final int MAX_NAME = 200;

    private final Path root;

    Workspace(Path root) throws IOException {
        Files.createDirectories(root);
        this.root = root.toRealPath();
    }

    Path root() {
        return root;
    }

    /** The endings of world files; the format follows the ending. */
    static final java.util.List<String> WORLD_FILES = java.util.List.of(".yaml", ".yml", ".json");

    /** Resolves the path of a world file (relative to the workspace, or absolute inside it), refusing the rest. */
    Path resolve(String userPath) {
        return resolve(userPath, WORLD_FILES, "the format follows the extension");
    }

    /**
     * Resolves a user path (relative to the workspace, or absolute inside it), refusing anything outside it, inside
     * {@code .polysim}, or not ending in one of {@code endings} (lower case; {@code why} says why in the error).
     */
    Path resolve(String userPath, java.util.List<String> endings, String why) {
        for (String part : userPath.split("[/\\\\]")) {
            if (part.length() > MAX_NAME) { // file systems refuse names over 255 bytes; say so before trying
                throw new ToolError("file_path has a name of " + part.length() + " characters ('"
                        + part.substring(0, 20) + "...'); each file or folder name may have at most " + MAX_NAME);
            }
        }
        if (userPath.indexOf('\0') >= 0) {
            throw new ToolError("file_path contains a NUL character; use a plain path such as 'runs/market.yaml'");
        }
        Path p;
        try {
            p = root.resolve(userPath).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            throw new ToolError("file_path '" + userPath + "' is not a valid path (" + e.getReason()
                    + "); use a plain path such as 'runs/market.yaml'");
        }
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
        if (p.startsWith(root.resolve(".polysim"))) {
            throw new ToolError("path '" + userPath + "' is inside .polysim, where the server keeps its own copy of "
                    + "every world; choose another folder, e.g. 'runs/market.yaml'");
        }
        String name = p.getFileName() == null ? "" : p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (endings.stream().noneMatch(name::endsWith)) {
            String list = endings.size() == 1 ? endings.getFirst() : String.join(", ", endings.subList(0,
                    endings.size() - 1)) + " or " + endings.getLast();
            throw new ToolError("file_path '" + userPath + "' must end in " + list + " (" + why + ")");
        }
        return p;
    }
}
