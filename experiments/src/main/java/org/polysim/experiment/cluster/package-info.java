/**
 * The distributed backend of experiments, on Hazelcast (embedded members joined over TCP/IP; multicast off), never a
 * home-made protocol (DESIGN.md "Experiments").
 *
 * <p>Decisions: workers ({@code polysim worker --cluster ...}) are data members with one executor,
 * {@code polysim-runs}, of {@code --threads} threads; the coordinator ({@code polysim sweep --backend hazelcast})
 * joins as a lite member, so it neither runs simulations nor holds partitions, and keeps the results itself, by run
 * index. A run is a serializable task carrying the whole world definition (scripts inlined, so workers need no files)
 * and its spec; it is rebuilt and run on the worker exactly as on a local thread, so the tables are the same bytes.
 * A worker that leaves or dies fails its runs with "member left"; they are submitted again to the others. Hazelcast
 * logs through java.util.logging at warnings only, to stderr. Workers must run the same polysim build (tasks are
 * Java-serialized).
 */
package org.polysim.experiment.cluster;
