package org.polysim.engine;

/**
 * A world definition (file or {@code create_world} arguments) is invalid. {@link #where()} names the offending place
 * (a field path such as {@code entities[2].script}, or {@code line 4, column 7} for syntax errors).
 */
public class WorldFileException extends RuntimeException {

    private final String where;
    private final String problem;

    public WorldFileException(String where, String problem) {
        super(where.isEmpty() ? problem : where + ": " + problem);
        this.where = where;
        this.problem = problem;
    }

    /** The same problem, found in a part of the file that sits under {@code parent} (a snapshot's configuration). */
    WorldFileException under(String parent) {
        return new WorldFileException(where.isEmpty() ? parent : parent + "." + where, problem);
    }

    /** What is wrong, without the path. */
    String problem() {
        return problem;
    }

    public String where() {
        return where;
    }
}
