/**
 * Charts and CSV exports of a world, in one place for the MCP tools ({@code plot_metrics}, {@code export_metrics},
 * {@code export_entities}) and the command line ({@code polysim run --csv --plot}, {@code polysim plot}).
 *
 * <p>Decisions:
 * <ul>
 *   <li>Charts are JFreeChart line charts drawn headless ({@code java.awt.headless}, set before AWT loads): x is
 *   time, y the metric values, the y label and the legend name what is drawn. The y axis fits the data rather than
 *   starting at zero (a change over time is what a reader looks for). One chart has at most
 *   {@link org.polysim.plot.MetricChart#MAX_LINES} lines; without a choice of metrics the first ones are drawn and
 *   the rest named, a choice of more is an error.</li>
 *   <li>Metrics of different scales are drawn in stacked panels on one time axis, grouped by scale whatever their
 *   number ({@code ScaleGroups}): on one axis a metric of 12 beside one of 12,000 is a flat line.
 *   Each panel's y axis names its own metrics, as many as fit along the panel as drawn, then "+N more"; the legend
 *   names every line.</li>
 *   <li>A long series is cut into one bucket per two pixel columns by the engine's {@code Series}, the same
 *   buckets {@code get_metric} gives: each drawn at its mean, with a pale band from its minimum to its maximum so a
 *   one-tick peak stays visible. A short series (at most 40 points) gets a marker per point, so one point shows.</li>
 *   <li>Images are 8-bit palette PNGs ({@link org.polysim.plot.IndexedPng}): a chart's few colours lose nothing,
 *   and the file is a third to a quarter of 24-bit RGB, which matters inside an MCP response with a byte budget.
 *   At most 800 pixels a side (default 800 x 500).</li>
 *   <li>CSV is written by Jackson's CSV module (the project's Jackson 3), to a temporary file renamed into place.
 *   Metrics: one row per tick, columns {@code time}, {@code tick}, then the metrics; every tick, no buckets; an
 *   empty cell where a metric has no value. Entities: {@code id}, {@code script}, the state flattened with dots,
 *   sorted (see {@link org.polysim.plot.EntitiesCsv}, which also holds the hook for position columns).</li>
 * </ul>
 */
package org.polysim.plot;
