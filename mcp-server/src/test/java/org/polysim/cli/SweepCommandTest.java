package org.polysim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code polysim sweep} through its command line. */
class SweepCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private static Path experiment(Path dir, String vary) throws Exception {
        Files.writeString(dir.resolve("w.yaml"), """
                name: counting
                params: { n: 1 }
                scripts:
                  c: { language: lua, source: "function update(e, inbox) e.metric('n', e.params.n) end" }
                entities: [ { script: c, count: 2 } ]
                """);
        Path file = dir.resolve("exp.yaml");
        Files.writeString(file, "world: w.yaml\nsteps: 5\nvary: " + vary + "\nreplications: 2\nseed: 3\n");
        return file;
    }

    @Test
    void writesTheTablesAndPrintsTheSummary(@TempDir Path dir) throws Exception {
        Path file = experiment(dir, "{ n: [1, 2] }");
        int code = run("sweep", file.toString(), "--out", dir.resolve("out").toString(), "--threads", "2");
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("experiment exp: 4 runs (2 points x 2 replications) of 5 ticks")
                .containsPattern("1\\s+2\\s+n\\s+2\\s+0\\s+4\\s+0\\s+\\[4, 4\\]");
        assertThat(Files.readString(dir.resolve("out/exp-summary.csv"))).isEqualTo("""
                point,n,entities.c.n,entities.c.missing,entities.c.mean,entities.c.sd,entities.c.ci95_low,\
                entities.c.ci95_high,n.n,n.missing,n.mean,n.sd,n.ci95_low,n.ci95_high
                0,1,2,0,2,0,2,2,2,0,2,0,2,2
                1,2,2,0,2,0,2,2,2,0,4,0,4,4
                """);
        // the chart: metric n (2 then 4) against param n; the line rises from left to right
        java.awt.image.BufferedImage chart = javax.imageio.ImageIO.read(dir.resolve("out/exp-n.png").toFile());
        assertThat(chart.getWidth()).isEqualTo(800);
        assertThat(out.toString()).contains("chart:   ").contains("exp-n.png");
        int blue = 0x1f77b4;
        double left = org.polysim.plot.Pictures.rowOf(chart, firstColumn(chart, blue), blue);
        double right = org.polysim.plot.Pictures.rowOf(chart, lastColumn(chart, blue), blue);
        assertThat(left).isGreaterThan(right + 100); // y grows upwards: the higher mean is drawn higher
    }

    private static int firstColumn(java.awt.image.BufferedImage image, int rgb) {
        for (int x = 0; x < image.getWidth() / 2; x++) {
            if (org.polysim.plot.Pictures.rowOf(image, x, rgb) >= 0) {
                return x;
            }
        }
        throw new AssertionError("no line on the left half");
    }

    private static int lastColumn(java.awt.image.BufferedImage image, int rgb) {
        for (int x = image.getWidth() - 1; x > image.getWidth() / 2; x--) {
            if (org.polysim.plot.Pictures.rowOf(image, x, rgb) >= 0) {
                return x;
            }
        }
        throw new AssertionError("no line on the right half");
    }

    @Test
    void anUnknownParamExitsWithTwoNamingIt(@TempDir Path dir) throws Exception {
        Path file = experiment(dir, "{ m: [1, 2] }");
        assertThat(run("sweep", file.toString(), "--out", dir.resolve("out").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("vary.m: the world has no param 'm' (its params: n)");
        assertThat(dir.resolve("out")).doesNotExist();
    }
}
