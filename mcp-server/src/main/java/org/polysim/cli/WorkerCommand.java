package org.polysim.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.polysim.experiment.ExperimentException;
import org.polysim.experiment.cluster.Worker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code polysim worker --cluster HOST:PORT,...}: a Hazelcast member that runs experiment runs until stopped. */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = "Join a polysim cluster and run the experiment runs that polysim sweep --backend hazelcast "
                + "farms out, until stopped (Ctrl-C leaves the cluster; its runs go to the other workers).")
final class WorkerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--cluster", required = true, paramLabel = "HOST:PORT,...",
            description = "Members to join (this worker's own address may be among them).")
    String cluster;

    @Mixin
    ClusterOptions clusterOptions;

    @Option(names = "--bind", paramLabel = "HOST",
            description = "Interface to listen on (default: 127.0.0.1 when every --cluster address is local).")
    String bind;

    @Option(names = "--threads", paramLabel = "N", description = "Runs at once (default: the number of cores).")
    Integer threads;

    @Override
    public Integer call() throws Exception {
        var stderr = spec.commandLine().getErr();
        Worker worker;
        try {
            worker = new Worker(clusterOptions.config(cluster, bind, threads != null ? threads
                    : Runtime.getRuntime().availableProcessors()));
        } catch (ExperimentException e) {
            stderr.println("polysim: " + e.getMessage());
            return 2;
        }
        stderr.println("polysim worker at " + worker.address() + " in cluster '" + clusterOptions.clusterName
                + "' (" + worker.clusterSize() + " members); waiting for runs. Ctrl-C to leave.");
        stderr.flush();
        new CountDownLatch(1).await(); // Hazelcast's shutdown hook leaves the cluster gracefully on Ctrl-C
        return 0;
    }
}
