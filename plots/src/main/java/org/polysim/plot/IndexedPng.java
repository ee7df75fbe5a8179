package org.polysim.plot;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * A chart as an 8-bit palette PNG. A chart has few colours (white, greys, its line colours and their blends with
 * white from antialiasing and the translucent bands), so a palette of those loses nothing visible and makes the
 * file three to four times smaller than 24-bit RGB, which matters because the image travels base64-encoded inside
 * an MCP response with a byte budget. Pixels map to the nearest palette entry without dithering: dithering would
 * add noise that compresses badly and blurs thin lines.
 */
final class IndexedPng {

    /** Blends of each line colour with white: enough steps that antialiased edges and bands look smooth. */
    private static final int BLENDS = 14;
    private static final int GREYS = 32;

    private IndexedPng() {}

    static byte[] encode(BufferedImage rgb, Color[] lineColours) {
        IndexColorModel model = palette(lineColours);
        BufferedImage indexed = new BufferedImage(rgb.getWidth(), rgb.getHeight(), BufferedImage.TYPE_BYTE_INDEXED,
                model);
        var raster = indexed.getRaster();
        Map<Integer, Integer> nearest = new HashMap<>();
        for (int y = 0; y < rgb.getHeight(); y++) {
            for (int x = 0; x < rgb.getWidth(); x++) {
                int pixel = rgb.getRGB(x, y) & 0xffffff;
                raster.setSample(x, y, 0, nearest.computeIfAbsent(pixel, p -> closest(model, p)));
            }
        }
        var out = new ByteArrayOutputStream();
        try {
            ImageIO.write(indexed, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: cannot happen
        }
        return out.toByteArray();
    }

    private static IndexColorModel palette(Color[] lineColours) {
        int size = GREYS + lineColours.length * BLENDS;
        byte[] r = new byte[size];
        byte[] g = new byte[size];
        byte[] b = new byte[size];
        int i = 0;
        for (int k = 0; k < GREYS; k++, i++) {
            int v = k * 255 / (GREYS - 1);
            r[i] = (byte) v;
            g[i] = (byte) v;
            b[i] = (byte) v;
        }
        for (Color c : lineColours) {
            for (int k = 0; k < BLENDS; k++, i++) { // k = 0 is the colour itself, then lighter towards white
                double w = (double) k / BLENDS;
                r[i] = (byte) Math.round(c.getRed() + (255 - c.getRed()) * w);
                g[i] = (byte) Math.round(c.getGreen() + (255 - c.getGreen()) * w);
                b[i] = (byte) Math.round(c.getBlue() + (255 - c.getBlue()) * w);
            }
        }
        return new IndexColorModel(8, size, r, g, b);
    }

    private static int closest(IndexColorModel model, int pixel) {
        int pr = pixel >> 16 & 0xff;
        int pg = pixel >> 8 & 0xff;
        int pb = pixel & 0xff;
        int best = 0;
        long bestDistance = Long.MAX_VALUE;
        for (int i = 0; i < model.getMapSize(); i++) {
            long dr = pr - model.getRed(i);
            long dg = pg - model.getGreen(i);
            long db = pb - model.getBlue(i);
            long d = 3 * dr * dr + 4 * dg * dg + 2 * db * db; // a rough weighting of how the eye sees difference
            if (d < bestDistance) {
                bestDistance = d;
                best = i;
            }
        }
        return best;
    }
}
