package org.polysim.experiment.cluster;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;

/** A member that runs experiment runs for whichever coordinator submits them ({@code polysim worker}). */
public final class Worker implements AutoCloseable {

    private final HazelcastInstance member;

    public Worker(ClusterConfig config) {
        this.member = Hazelcast.newHazelcastInstance(config.hazelcast(false));
    }

    /** Where this member listens, {@code host:port}. */
    public String address() {
        var a = member.getCluster().getLocalMember().getAddress();
        return a.getHost() + ":" + a.getPort();
    }

    public int clusterSize() {
        return member.getCluster().getMembers().size();
    }

    /** Leaves the cluster at once, as a crashed machine would (tests). */
    public void kill() {
        member.getLifecycleService().terminate();
    }

    /** Leaves the cluster gracefully. */
    @Override
    public void close() {
        member.shutdown();
    }
}
