package org.polysim.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The packaged application runs JavaScript and Python JIT-compiled: never the interpreter-only fallback. */
class PackagedRuntimeIT {

    @Test
    void graalLanguagesAreCompiledAndNoFallbackWarningAppears() throws Exception {
        Process p = new ProcessBuilder(ServerProcess.app("info")).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(err).isZero();
        assertThat(out).contains("js: GraalVM", "python: GraalVM", "lua: LuaJ").doesNotContain("Interpreted");
        assertThat(err).doesNotContainIgnoringCase("interpreter").doesNotContain("WarnInterpreterOnly")
                .doesNotContain("WARNING");
    }
}
