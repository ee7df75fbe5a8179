/**
 * The benchmark harness behind {@code ./polysim bench}: the three workloads ({@link Workload}) in plain Java
 * ({@link JavaWorkloads}, the floor), Lua, JavaScript and Python inside polysim, and by hand in each language's own
 * runtime ({@code bench/native}); {@link Bench} runs every case in a fresh process ({@link CaseRun}), measures the
 * MCP server over stdio ({@link McpRoundTrip}) and writes {@code bench/RESULTS.md} ({@link Report}). The spatial
 * part runs the ABMFrameworksComparison models ({@link SpatialModel}) by whole runs ({@link SpatialRun},
 * {@link SpatialReport}).
 */
package org.polysim.bench;
