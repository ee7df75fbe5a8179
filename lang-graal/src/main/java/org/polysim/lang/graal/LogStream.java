package org.polysim.lang.graal;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Guest stdout/stderr: each line becomes a line of the world log, attributed to the entity being run. */
final class LogStream extends OutputStream {

    private static final int MAX_LINE = 64 * 1024;

    private final HostApi host;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    LogStream(HostApi host) {
        this.host = host;
    }

    @Override
    public void write(int b) {
        if (b == '\n') {
            flushLine();
        } else if (line.size() < MAX_LINE) {
            line.write(b);
        }
    }

    @Override
    public void write(byte[] bytes, int off, int len) {
        for (int i = off; i < off + len; i++) {
            write(bytes[i]);
        }
    }

    /** Emits a pending partial line (at the end of a call). */
    void flushLine() {
        if (line.size() > 0 && host.current() != null) {
            host.current().log(line.toString(StandardCharsets.UTF_8));
        }
        line.reset();
    }
}
