package org.polysim.plot;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import tools.jackson.databind.SequenceWriter;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * Writes a table as CSV (RFC 4180, through Jackson's CSV writer: quoting and escaping are its job) with a header
 * row. The file is written to a temporary file beside it and renamed, as world files are, so a reader never sees
 * half a table. A missing value is an empty cell.
 */
public final class CsvFile {

    /** Rows repeated in a tool's answer, so the caller sees the table's shape without reading the file. */
    static final int PREVIEW_ROWS = 5;
    private static final CsvMapper MAPPER = CsvMapper.builder().build();

    private CsvFile() {}

    /**
     * What was written.
     *
     * @param rows    the rows written, header not counted
     * @param preview the header and the first {@link #PREVIEW_ROWS} rows, as CSV text
     */
    /** @param note what a reader should know about the table beyond its columns ("" when nothing) */
    public record Written(Path file, long rows, int columns, String preview, String note) {
        Written(Path file, long rows, int columns, String preview) {
            this(file, rows, columns, preview, "");
        }

        Written noting(String text) {
            return new Written(file, rows, columns, preview, text);
        }
    }

    /** @param rows each row's cells in column order; null cells are written empty */
    static Written write(Path file, List<String> columns, Iterator<String[]> rows) throws IOException {
        CsvSchema schema = CsvSchema.builder().addColumns(columns, CsvSchema.ColumnType.STRING).setUseHeader(true)
                .build();
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temporary = Files.createTempFile(parent, "." + file.getFileName(), ".part");
        long count = 0;
        List<String[]> first = new ArrayList<>();
        try {
            try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8);
                 SequenceWriter csv = MAPPER.writer(schema).writeValues(out)) {
                while (rows.hasNext()) {
                    String[] row = rows.next();
                    csv.write(row);
                    if (first.size() < PREVIEW_ROWS) {
                        first.add(row);
                    }
                    count++;
                }
            }
            org.polysim.engine.WorldFiles.readableByAll(temporary);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
        return new Written(file, count, columns.size(), text(schema, first));
    }

    private static String text(CsvSchema schema, List<String[]> rows) {
        var out = new java.io.StringWriter();
        try (SequenceWriter csv = MAPPER.writer(schema).writeValues(out)) {
            csv.writeAll(rows);
        }
        return out.toString().strip();
    }

    /** A column name not already taken: {@code prefix + name} when {@code name} is. */
    static String free(String name, java.util.Collection<String> taken, String prefix) {
        return taken.contains(name) ? prefix + name : name;
    }
}
