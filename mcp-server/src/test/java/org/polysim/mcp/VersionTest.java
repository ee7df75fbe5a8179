package org.polysim.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.polysim.cli.Main;

/** The version is written once, in the POM, and the server and the command line both report it. */
class VersionTest {

    @Test
    void theServerAndTheCommandLineReportThePomVersion() {
        assertThat(PolysimServer.VERSION).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        StringWriter out = new StringWriter();
        assertThat(Main.execute(new PrintWriter(out), new PrintWriter(new StringWriter()), "--version")).isZero();
        assertThat(out.toString().strip()).isEqualTo("polysim " + PolysimServer.VERSION);
    }
}
