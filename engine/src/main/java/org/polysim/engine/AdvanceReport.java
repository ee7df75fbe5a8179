package org.polysim.engine;

import java.util.List;
import java.util.Map;

/**
 * What one {@link World#advance} call did.
 *
 * @param ticks             ticks completed (fewer than asked when the caller stopped the run)
 * @param lastTickMetrics   metric values closed in the final tick (name to per-tick sum)
 * @param unknownRecipients the first few ids that dropped messages were addressed to and that never were entities
 *                          here (almost always a typo in a script)
 */
public record AdvanceReport(long ticks, double time, long delivered, long dropped, Map<String, Double> lastTickMetrics,
                            List<String> unknownRecipients) {

    /** How many unknown recipients a report names. */
    public static final int UNKNOWN_SHOWN = 5;
}
