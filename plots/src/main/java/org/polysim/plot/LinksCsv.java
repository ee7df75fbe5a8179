package org.polysim.plot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import org.polysim.engine.NetworkView;
import org.polysim.engine.Numbers;

/**
 * A world's links as CSV: {@code from,to,weight}, each link once (an undirected one from its older end), in creation
 * order: the format {@code network.edges_file} reads back, so an exported network can seed another world.
 */
public final class LinksCsv {

    private LinksCsv() {}

    public static CsvFile.Written write(Path file, NetworkView net) throws IOException {
        Iterator<String[]> rows = new Iterator<>() {
            int k;

            @Override
            public boolean hasNext() {
                return k < net.links();
            }

            @Override
            public String[] next() {
                String[] row = {net.nodes().get(net.from()[k]), net.nodes().get(net.to()[k]),
                        Numbers.exact(net.weights()[k])};
                k++;
                return row;
            }
        };
        CsvFile.Written w = CsvFile.write(file, List.of("from", "to", "weight"), rows);
        return net.directed() ? w.noting("directed: each row is a link from 'from' to 'to'") : w;
    }
}
