package org.polysim.plot;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;

/** Reading a chart back as a picture: what a person looking at it would check. */
public final class Pictures {

    private Pictures() {}

    public static BufferedImage decode(byte[] png) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        if (image == null) {
            throw new AssertionError("not a readable PNG (" + png.length + " bytes)");
        }
        return image;
    }

    /** Variance of the pixels' brightness: near zero for a blank image. */
    public static double brightnessVariance(BufferedImage image) {
        double sum = 0;
        double squares = 0;
        long n = (long) image.getWidth() * image.getHeight();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int p = image.getRGB(x, y);
                double v = ((p >> 16 & 0xff) + (p >> 8 & 0xff) + (p & 0xff)) / 3.0;
                sum += v;
                squares += v * v;
            }
        }
        double mean = sum / n;
        return squares / n - mean * mean;
    }

    /** The mean row of the pixels in column {@code x} close to {@code rgb}, or -1 if none is. */
    public static double rowOf(BufferedImage image, int x, int rgb) {
        double sum = 0;
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            if (close(image.getRGB(x, y), rgb)) {
                sum += y;
                count++;
            }
        }
        return count == 0 ? -1 : sum / count;
    }

    /** Columns with at least one pixel close to {@code rgb}. */
    public static int columnsWith(BufferedImage image, int rgb) {
        int columns = 0;
        for (int x = 0; x < image.getWidth(); x++) {
            if (rowOf(image, x, rgb) >= 0) {
                columns++;
            }
        }
        return columns;
    }

    private static boolean close(int pixel, int rgb) {
        int dr = (pixel >> 16 & 0xff) - (rgb >> 16 & 0xff);
        int dg = (pixel >> 8 & 0xff) - (rgb >> 8 & 0xff);
        int db = (pixel & 0xff) - (rgb & 0xff);
        return dr * dr + dg * dg + db * db < 40 * 40;
    }
}
