package org.polysim.experiment;

/**
 * Mean, standard deviation and Student's t confidence interval of a sample, computed in the order given (so the
 * same sample in the same order gives the same bits).
 */
public final class Statistics {

    private Statistics() {}

    /** The statistics of a sample; {@code sd} and the interval are NaN for fewer than two values. */
    public record Sample(int n, double mean, double sd, double ciLow, double ciHigh) {
    }

    /** Mean, sample standard deviation (n - 1) and the 95% interval mean +- t(0.975, n - 1) sd / sqrt(n). */
    public static Sample of(double[] xs) {
        int n = xs.length;
        if (n == 0) {
            return new Sample(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double sum = 0;
        for (double x : xs) {
            sum += x;
        }
        double mean = sum / n;
        if (n == 1) {
            return new Sample(1, mean, Double.NaN, Double.NaN, Double.NaN);
        }
        double ss = 0;
        for (double x : xs) {
            ss += (x - mean) * (x - mean);
        }
        double sd = Math.sqrt(ss / (n - 1));
        double half = tQuantile975(n - 1) * sd / Math.sqrt(n);
        return new Sample(n, mean, sd, mean - half, mean + half);
    }

    /** The t value with 95% of Student's t distribution with {@code df} degrees of freedom between -t and t. */
    public static double tQuantile975(int df) {
        if (df < 1) {
            throw new IllegalArgumentException("degrees of freedom must be at least 1, got " + df);
        }
        double lo = 0;
        double hi = 20;
        while (centralProbability(hi, df) < 0.95) { // df = 1 needs 12.7; no df needs more than 20, but be sure
            hi *= 2;
        }
        for (int i = 0; i < 200 && hi - lo > 1e-13; i++) {
            double mid = (lo + hi) / 2;
            if (centralProbability(mid, df) < 0.95) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    /**
     * P(|T| <= t) for Student's t with a whole number of degrees of freedom, by the finite series in
     * theta = atan(t / sqrt(df)) (Abramowitz and Stegun 26.7.3 and 26.7.4): exact up to rounding, no special
     * functions needed.
     */
    static double centralProbability(double t, int df) {
        double theta = Math.atan(t / Math.sqrt(df));
        double c2 = Math.cos(theta) * Math.cos(theta);
        double s = Math.sin(theta);
        if (df % 2 == 0) { // sin(theta) (1 + c2/2 + 1*3/(2*4) c2^2 + ... up to the c2^((df-2)/2) term)
            double term = 1;
            double sum = 1;
            for (int k = 2; k <= df - 2; k += 2) {
                term *= c2 * (k - 1) / k;
                sum += term;
            }
            return s * sum;
        }
        // (2/pi) (theta + sin(theta) cos(theta) (1 + 2/3 c2 + 2*4/(3*5) c2^2 + ... up to c2^((df-3)/2)))
        double series = 0;
        if (df > 1) {
            double term = 1;
            series = 1;
            for (int k = 3; k <= df - 2; k += 2) {
                term *= c2 * (k - 1) / k;
                series += term;
            }
            series *= s * Math.cos(theta);
        }
        return 2 / Math.PI * (theta + series);
    }
}
