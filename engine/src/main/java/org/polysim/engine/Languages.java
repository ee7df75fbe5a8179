package org.polysim.engine;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeSet;
import org.polysim.engine.spi.ControllerProvider;

/** The languages on the class path, found once by {@link ServiceLoader}, by name and alias. */
final class Languages {

    /** Languages the design names; used to tell "not installed" from "unknown". */
    private static final Map<String, String> DESIGNED = Map.of("lua", "lua", "js", "js", "javascript", "js",
            "python", "python", "py", "python");

    private static volatile Languages installed;

    private final Map<String, ControllerProvider> byName = new LinkedHashMap<>();

    private Languages(Iterable<ControllerProvider> providers) {
        for (ControllerProvider p : providers) {
            byName.putIfAbsent(p.language(), p);
            p.aliases().forEach(a -> byName.putIfAbsent(a, p));
        }
    }

    static Languages installed() {
        Languages l = installed;
        if (l == null) {
            synchronized (Languages.class) {
                if (installed == null) {
                    installed = new Languages(ServiceLoader.load(ControllerProvider.class));
                }
                l = installed;
            }
        }
        return l;
    }

    /** The provider for {@code name}, or an error message naming what is available. */
    ControllerProvider find(String name, String where) {
        ControllerProvider p = byName.get(name.toLowerCase(java.util.Locale.ROOT));
        if (p != null) {
            return p;
        }
        String known = String.join(", ", new TreeSet<>(byName.keySet()));
        if (DESIGNED.containsKey(name.toLowerCase(java.util.Locale.ROOT))) {
            throw new WorldFileException(where, "language '" + name + "' is not installed in this build "
                    + "(available: " + known + ")");
        }
        throw new WorldFileException(where, "unknown language '" + name + "'; use one of: " + known);
    }

    /** Each installed provider once, in the order ServiceLoader found them. */
    List<ControllerProvider> providers() {
        return List.copyOf(new LinkedHashSet<>(byName.values()));
    }

    /** Canonical language name to its runtime description. */
    java.util.Map<String, String> runtimes() {
        var out = new java.util.TreeMap<String, String>();
        byName.values().forEach(p -> out.put(p.language(), p.runtime()));
        return out;
    }

    /** Canonical names of the installed languages. */
    java.util.Set<String> canonical() {
        var out = new TreeSet<String>();
        byName.values().forEach(p -> out.add(p.language()));
        return out;
    }
}
