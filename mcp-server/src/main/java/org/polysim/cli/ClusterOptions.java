package org.polysim.cli;

import org.polysim.experiment.cluster.ClusterConfig;
import picocli.CommandLine.Option;

/**
 * The Hazelcast options {@code polysim sweep --backend hazelcast} and {@code polysim worker} share (a picocli mixin):
 * the members to join differ between them (optional for a sweep, required for a worker), so each keeps its own
 * {@code --cluster}.
 */
final class ClusterOptions {

    @Option(names = "--cluster-name", paramLabel = "NAME", defaultValue = ClusterConfig.DEFAULT_NAME,
            description = "The cluster's name (default ${DEFAULT-VALUE}).")
    String clusterName;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "5701",
            description = "Port this process listens on in the cluster (the next free one upward when taken; "
                    + "default ${DEFAULT-VALUE}).")
    int port;

    /** The cluster this process joins: {@code members} as {@code --cluster} gives them. */
    ClusterConfig config(String members, String bind, int threads) {
        return new ClusterConfig(ClusterConfig.addresses(members), clusterName, port, bind, threads);
    }
}
