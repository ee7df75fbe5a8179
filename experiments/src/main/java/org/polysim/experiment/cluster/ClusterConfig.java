package org.polysim.experiment.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import java.net.InetAddress;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.polysim.experiment.ExperimentException;

/**
 * The Hazelcast configuration every polysim member uses: a named cluster joined over TCP/IP to the listed addresses
 * (multicast and auto-detection off), one executor for runs, and Hazelcast's logging on stderr at warnings only (the
 * MCP server's stdout carries JSON-RPC alone).
 *
 * @param cluster the members to join, {@code host:port} (or {@code host}, port 5701)
 * @param name    the cluster name: members of other names are refused
 * @param port    the port this member listens on (the next free one upward when taken)
 * @param bind    the interface to listen on, or null: 127.0.0.1 when every cluster address is a loopback one
 * @param threads runs this member executes at once
 */
public record ClusterConfig(List<String> cluster, String name, int port, String bind, int threads) {

    public static final String DEFAULT_NAME = "polysim";
    public static final int DEFAULT_PORT = 5701;
    /** The executor runs are submitted to. */
    static final String EXECUTOR = "polysim-runs";
    /** Kept, or the JDK may forget the level (it holds loggers weakly). */
    private static final Logger HAZELCAST_LOG = Logger.getLogger("com.hazelcast");

    public ClusterConfig {
        cluster = List.copyOf(cluster);
        if (cluster.isEmpty()) {
            throw new ExperimentException("cluster", "list at least one member as host:port, e.g. "
                    + "--cluster 10.0.0.5:5701,10.0.0.6:5701");
        }
        for (String a : cluster) {
            if (!a.matches("[^:\\s]+(:\\d{1,5})?")) {
                throw new ExperimentException("cluster", "'" + a + "' is not host:port (e.g. 10.0.0.5:5701)");
            }
        }
        if (name == null || name.isBlank()) {
            throw new ExperimentException("cluster-name", "must not be empty");
        }
        if (port < 1 || port > 65535) {
            throw new ExperimentException("port", "must be between 1 and 65535, got " + port);
        }
        if (threads < 1) {
            throw new ExperimentException("threads", "must be at least 1, got " + threads);
        }
    }

    /** Parses {@code --cluster a:p,b:q}. */
    public static List<String> addresses(String list) {
        return java.util.Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** A Hazelcast config for a worker (holds runs) or a coordinator (a lite member: runs nothing, holds nothing). */
    Config hazelcast(boolean liteMember) {
        HAZELCAST_LOG.setLevel(Level.WARNING);
        Config c = new Config();
        c.setClusterName(name);
        c.setLiteMember(liteMember);
        c.setProperty("hazelcast.logging.type", "jdk"); // the JDK's console handler writes to stderr
        c.setProperty("hazelcast.phone.home.enabled", "false");
        c.setProperty("hazelcast.shutdownhook.policy", "GRACEFUL");
        String host = bind != null ? bind : allLoopback() ? "127.0.0.1" : null;
        if (host != null) {
            c.setProperty("hazelcast.local.localAddress", host);
        }
        NetworkConfig network = c.getNetworkConfig();
        network.setPort(port).setPortAutoIncrement(true).setPortCount(100);
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(cluster);
        c.getExecutorConfig(EXECUTOR).setPoolSize(threads);
        return c;
    }

    private boolean allLoopback() {
        for (String a : cluster) {
            String host = a.contains(":") ? a.substring(0, a.lastIndexOf(':')) : a;
            try {
                if (!InetAddress.getByName(host).isLoopbackAddress()) {
                    return false;
                }
            } catch (java.net.UnknownHostException e) {
                throw new ExperimentException("cluster", "unknown host '" + host + "'");
            }
        }
        return true;
    }
}
