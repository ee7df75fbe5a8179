package org.polysim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code polysim run --csv --plot} and {@code polysim plot} through the command line. */
class PlotCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int polysim(String... args) {
        return Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private static Path world(Path dir) throws Exception {
        return Files.writeString(dir.resolve("grow.yaml"), """
                name: grow
                scripts:
                  c: { language: lua, source: "function update(e, inbox) e.metric('size', e.time * 2) e.metric('one', 1) end" }
                entities: [ { script: c } ]
                """);
    }

    @Test
    void runWritesTheMetricsCsvAndChartAtTheEnd(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("out/metrics.csv");
        Path png = dir.resolve("out/metrics.png");
        int code = polysim("run", world(dir).toString(), "--steps", "40", "--out", dir.resolve("final.yaml")
                .toString(), "--csv", csv.toString(), "--plot", png.toString());
        assertThat(code).as(err.toString()).isZero();
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines).hasSize(42).startsWith("time,tick,size,one,entities.c", "0,0,,,1", "1,1,2,1,1",
                "2,2,4,1,1");
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(800);
        assertThat(image.getHeight()).isEqualTo(500);
        assertThat(out.toString()).contains("metrics CSV: " + csv + " (41 rows)", "chart of size, one, entities.c");
    }

    @Test
    void plotDrawsChosenMetricsOfASnapshotAndNamesUnknownOnes(@TempDir Path dir) throws Exception {
        Path snapshot = dir.resolve("final.yaml");
        assertThat(polysim("run", world(dir).toString(), "--steps", "20", "--out", snapshot.toString())).isZero();
        Path png = dir.resolve("size.png");
        int code = polysim("plot", snapshot.toString(), "--metrics", "size", "--out", png.toString(), "--width",
                "400", "--height", "300");
        assertThat(code).as(err.toString()).isZero();
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(400);
        assertThat(image.getHeight()).isEqualTo(300);

        assertThat(polysim("plot", snapshot.toString(), "--metrics", "sise", "--out", png.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("no metric 'sise' in world 'grow' (metrics: size, one, entities.c)");
        assertThat(polysim("plot", snapshot.toString(), "--out", dir.resolve("chart.jpg").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--out must end in .png");
    }

    @Test
    void plotPutsTwoSnapshotsOnOneChart(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a.yaml");
        Path b = dir.resolve("b.yaml");
        assertThat(polysim("run", world(dir).toString(), "--steps", "10", "--out", a.toString())).isZero();
        assertThat(polysim("run", world(dir).toString(), "--steps", "20", "--out", b.toString())).isZero();
        out.getBuffer().setLength(0);
        assertThat(polysim("plot", a.toString(), b.toString(), "--metrics", "size", "--out",
                dir.resolve("both.png").toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("chart of grow/size, b/size"); // same world name: the file tells them apart
    }
}
