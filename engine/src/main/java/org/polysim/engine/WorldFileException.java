package org.polysim.engine;

/**
 * A world definition (file or {@code create_world} arguments) is invalid. {@link #where()} names the offending place
 * (a field path such as {@code entities[2].script}, or {@code line 4, column 7} for syntax errors).
 */
public class WorldFileException extends RuntimeException {

    private final String where;

    public WorldFileException(String where, String problem) {
        super(where.isEmpty() ? problem : where + ": " + problem);
        this.where = where;
    }

    public String where() {
        return where;
    }
}
