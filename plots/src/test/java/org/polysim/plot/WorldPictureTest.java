package org.polysim.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.polysim.engine.World;
import org.polysim.engine.WorldFiles;

/** render_world's pictures, tested as images: they decode, keep the space's proportions, and show what is there. */
class WorldPictureTest {

    private static World world() throws Exception {
        return World.create(WorldFiles.parse("""
                name: map
                space: { kind: grid, width: 20, height: 10 }
                layers: { food: { initial: 0 } }
                scripts: { s: { language: lua, source: "function update(e, inbox) end" } }
                entities:
                  - { id: left, script: s, state: { size: 1 }, at: [0, 0] }
                  - { id: right, script: s, state: { size: 9 }, at: [19, 9] }
                """, false, "map"), null, null);
    }

    private static void save(String name, byte[] png) throws Exception {
        Files.write(Path.of(System.getProperty("java.io.tmpdir"), name), png); // to look at by hand
    }

    @Test
    void entitiesAreDrawnWhereTheyAreInTheSpacesProportions() throws Exception {
        try (World w = world()) {
            WorldPicture.Drawn d = WorldPicture.draw(w, null, null, true, "map", 600);
            save("render-entities.png", d.png());
            BufferedImage image = Pictures.decode(d.png());
            assertThat(image.getWidth()).isEqualTo(600);
            assertThat(image.getHeight()).isLessThan(450); // twice as wide as high, plus title and legend
            assertThat(Pictures.brightnessVariance(image)).isGreaterThan(10);
            assertThat(d.dots()).isEqualTo(2);
            assertThat(d.legend()).containsExactly("s (2)");
            // the single script's colour: one dot low on the left, one high on the right (y grows upwards)
            int blue = MetricChart.PALETTE[0].getRGB() & 0xffffff;
            double leftRow = Pictures.rowOf(image, columnOf(image, blue, true), blue);
            double rightRow = Pictures.rowOf(image, columnOf(image, blue, false), blue);
            assertThat(leftRow).isGreaterThan(rightRow + 100);
        }
    }

    /** A few distinct numbers are categories, labelled rounded to what tells them apart (not 0.8160000000000001). */
    @Test
    void numberCategoriesAreLabelledWithTheDigitsThatTellThemApart() throws Exception {
        try (World w = World.create(WorldFiles.parse("""
                name: wages
                space: { kind: grid, width: 5, height: 5 }
                scripts: { s: { language: lua, source: "function update(e, inbox) end" } }
                entities:
                  - { script: s, count: 2, state: { wage: 0.8160000000000001 } }
                  - { script: s, count: 3, state: { wage: 0.9 } }
                  - { script: s, state: { wage: 0.9000000001 } }
                """, false, "wages"), null, null)) {
            WorldPicture.Drawn d = WorldPicture.draw(w, "wage", null, true, "wages", 300);
            assertThat(d.legend()).containsExactly("0.816 (2)", "0.9 (3)",
                    "0.9000000001 (1)");
        }
    }

    /** The first (or last) pixel column holding the colour. */
    private static int columnOf(BufferedImage image, int rgb, boolean first) {
        for (int i = 0; i < image.getWidth(); i++) {
            int x = first ? i : image.getWidth() - 1 - i;
            if (Pictures.rowOf(image, x, rgb) >= 0) {
                return x;
            }
        }
        throw new AssertionError("colour not found");
    }

    @Test
    void aNumericFieldIsBandedAndALayerIsAHeatMap() throws Exception {
        try (World w = world()) {
            WorldPicture.Drawn byField = WorldPicture.draw(w, "size", null, true, "size", 500);
            save("render-size.png", byField.png());
            assertThat(byField.legend()).as("few values: one colour each").containsExactly("1 (1)", "9 (1)");
            for (int i = 0; i < 10; i++) {
                w.addEntity("s", (tools.jackson.databind.node.ObjectNode) WorldFiles.parse("{\"size\": " + (i * 1.5)
                        + "}", true, "state"), null, WorldFiles.parse("[" + i + ", 5]", true, "at"));
            }
            assertThat(WorldPicture.draw(w, "size", null, true, "size", 500).legend()).as("many: five bands")
                    .containsExactly("0 to 2.7 (3)", "2.7 to 5.4 (2)", "5.4 to 8.1 (2)", "8.1 to 10.8 (3)",
                            "10.8 to 13.5 (2)");

            WorldPicture.Drawn layer = WorldPicture.draw(w, null, "food", false, "food", 400);
            assertThat(layer.legend()).containsExactly("food: white 0 to dark green 0");
            assertThat(Pictures.decode(layer.png()).getWidth()).isEqualTo(400);
        }
    }

    @Test
    void badRequestsSayWhatToChange() throws Exception {
        try (World w = world()) {
            assertThatThrownBy(() -> WorldPicture.draw(w, "wealth", null, true, "t", 600))
                    .hasMessageContaining("no placed entity has a state field 'wealth'");
            assertThatThrownBy(() -> WorldPicture.draw(w, null, null, true, "t", 900))
                    .hasMessageContaining("between 200 and 800");
        }
    }
}
