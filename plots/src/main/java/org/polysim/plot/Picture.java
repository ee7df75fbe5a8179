package org.polysim.plot;

/** A drawn image: a chart, a world's map or its network, as a PNG of its size in pixels. */
public interface Picture {

    byte[] png();

    int width();

    int height();
}
