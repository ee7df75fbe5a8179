package org.polysim.engine;

import java.util.Map;

/**
 * What one {@link World#advance} call did.
 *
 * @param lastTickMetrics metric values closed in the final tick (name to per-tick sum)
 */
public record AdvanceReport(long ticks, double time, long delivered, long dropped, Map<String, Double> lastTickMetrics) {
}
