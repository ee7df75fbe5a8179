/**
 * Experiments: one world over a parameter grid with replications (DESIGN.md "Experiments"), run on local threads or
 * a cluster, tabulated as CSV.
 *
 * <p>Decisions:
 * <ul>
 *   <li>Every check that needs no run happens before the first run: unknown fields, the world (it must load: scripts
 *       compile, every {@code init} runs), a name in {@code vary} or {@code params} the world's params lack, an empty
 *       or duplicate-valued list, zero replications, a snapshot as the world. A metric in {@code measure} is only
 *       known once scripts record it, so the first run goes alone and a measured metric it did not record stops the
 *       sweep before the others start.</li>
 *   <li>Run seeds come from the engine's derivation ({@code World.derivedSeed}) of the experiment seed and a stream
 *       named by the grid point's params (sorted, as JSON) and the replication. No two runs share a seed; none
 *       depends on thread, order or machine; adding values or replications keeps the seeds of existing runs.</li>
 *   <li>Each run is its own world built from the definition with the run's params (the world's, overridden by the
 *       experiment's fixed {@code params}, then by the point's) and seed, advanced {@code steps} ticks. Results are
 *       kept by run index and the tables are written after the last run, so the CSV bytes do not depend on the
 *       thread count, the order of completion or the backend.</li>
 *   <li>The summary is over each run's {@code last} value: the state the run ends in (a final epidemic size, a final
 *       population), which is what a parameter sweep usually compares; the runs table keeps each run's mean, min,
 *       max and total over time for other questions. The 95% interval is mean +- t(0.975, n - 1) sd / sqrt(n), with
 *       Student's t from its exact finite series for whole degrees of freedom ({@link
 *       org.polysim.experiment.Statistics}).</li>
 *   <li>CSV through jackson-dataformat-csv (the Jackson 3 BOM's), numbers written exactly.</li>
 * </ul>
 */
package org.polysim.experiment;
