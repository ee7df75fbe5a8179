package org.polysim.experiment.cluster;

import java.io.Serializable;
import java.util.List;
import java.util.concurrent.Callable;
import org.polysim.experiment.RunResult;
import org.polysim.experiment.RunSpec;
import org.polysim.experiment.SingleRun;

/** One run, sent to a worker member and run there; Java-serialized (workers run the same polysim build). */
record RunTask(String definition, long steps, List<String> measure, RunSpec spec)
        implements Callable<RunResult>, Serializable {

    RunTask {
        measure = List.copyOf(measure);
    }

    @Override
    public RunResult call() {
        return SingleRun.run(definition, steps, measure, spec);
    }
}
