package org.polysim.lang.graal;

import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.ResourceLimits;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;
import org.polysim.engine.guard.Allocations;
import org.polysim.engine.spi.CallLimits;
import org.polysim.engine.spi.Controller;
import org.polysim.engine.spi.EntityContext;
import org.polysim.engine.spi.ScriptException;
import org.polysim.engine.spi.ScriptSource;
import org.polysim.engine.spi.Turns;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One script of one world in its own sandboxed context.
 *
 * <p>Each state crosses into the guest as text only when the engine's state is not the one this controller last
 * handed over or received. The guest keeps every entity's last state text and gives each call a fresh value of it,
 * so a script never sees an object another call could have touched (how depends on whether the prelude is likely
 * compiled yet: {@link #WARM_UPDATES}); it answers {@code null} when the state it would return is unchanged. Any
 * failure forgets what was handed over, so the next call sends the state again.
 * A run of updates ({@link #updateAll}) takes its states and inboxes in chunks of text; a single call reads the inbox
 * field by field through {@link HostApi#inboxSize} and its siblings.
 */
public final class GraalController implements Controller {

    /** Wall-clock allowance for creating a context: prelude plus the script's top level. */
    static final long TOP_LEVEL_MILLIS = 60_000;
    /** Allocation allowance for creating a context: a Python prelude's imports alone allocate tens of megabytes. */
    static final long TOP_LEVEL_BYTES = 1L << 30;

    private final GuestLanguage language;
    private final ScriptSource script;
    private final CallLimits limits;
    private final StateCodec codec;
    private final HostApi host;
    private final LogStream log;
    private final Source prelude;
    private final Source user;
    /** The script as written, when {@link GuestLanguage#prepare} rewrote it; null otherwise. */
    private final Source authored;
    /** Per entity, the state node whose text the guest holds; the guest's copy is valid while it is the engine's. */
    private final Map<String, ObjectNode> handedOver = new HashMap<>();
    private Context context;
    private Value call;
    private JsonNode paramsSent;
    private boolean hasInit;

    public GraalController(GuestLanguage language, ScriptSource script, CallLimits limits) throws ScriptException {
        this(language, script, limits, true);
    }

    private GraalController(GuestLanguage language, ScriptSource script, CallLimits limits, boolean afterWarmUp)
            throws ScriptException {
        if (afterWarmUp) {
            language.awaitWarmUp(TOP_LEVEL_MILLIS);
        }
        this.language = language;
        this.script = script;
        this.limits = limits;
        this.codec = language.codec();
        this.host = new HostApi(codec, language.integralDoubles());
        this.log = new LogStream(host);
        this.prelude = Source.newBuilder(language.id(), language.prelude(), "polysim-prelude").buildLiteral();
        String prepared = language.prepare(script.code());
        this.user = Source.newBuilder(language.id(), prepared, language.fileName(script.id())).buildLiteral();
        this.authored = prepared.equals(script.code()) ? null
                : Source.newBuilder(language.id(), script.code(), language.fileName(script.id())).buildLiteral();
        open();
    }

    /** A fresh context: prelude, the script's top level, and the check that it defines update. */
    private void open() throws ScriptException {
        Context.Builder b = Context.newBuilder(language.id()).engine(language.engine()).sandbox(language.policy())
                .out(log).err(log).in(InputStream.nullInputStream())
                .allowHostAccess(HostAccess.CONSTRAINED).allowHostClassLookup(name -> false)
                .allowIO(IOAccess.NONE).allowCreateThread(false).allowNativeAccess(false)
                .allowCreateProcess(false).allowEnvironmentAccess(EnvironmentAccess.NONE)
                .allowPolyglotAccess(PolyglotAccess.NONE)
                .resourceLimits(ResourceLimits.newBuilder().statementLimit(limits.instructions(), null).build());
        language.configure(b, limits);
        Context c = b.build();
        paramsSent = null;
        handedOver.clear();
        // a cold engine needs seconds for the prelude's imports; a script's top level gets at least TOP_LEVEL_MILLIS
        // and TOP_LEVEL_BYTES, whatever the per-call limits
        try (var running = Watchdog.start(c, Math.max(limits.wallMillis(), TOP_LEVEL_MILLIS),
                Math.max(limits.allocBytes(), TOP_LEVEL_BYTES))) {
            try {
                call = c.eval(prelude).execute(host, host.members());
                if (authored != null) {
                    c.parse(authored); // syntax errors as the author wrote the script, not as it was rewritten
                }
                c.eval(user);
                language.afterLoad(c);
            } catch (PolyglotException e) {
                c.close(true);
                throw failure(e, running.stop(), ScriptException.Kind.COMPILE);
            }
        }
        Value update = c.getBindings(language.id()).getMember("update");
        if (update == null || !update.canExecute()) {
            c.close(true);
            throw new ScriptException(ScriptException.Kind.COMPILE, "the script defines no update function; "
                    + "define update(e, inbox)", 0);
        }
        Value init = c.getBindings(language.id()).getMember("init");
        hasInit = init != null && init.canExecute();
        context = c;
    }

    /**
     * Readies {@code language}: its shared engine, and one context that runs the prelude and {@code script} (a
     * script that does nothing), then is closed; later contexts of the engine reuse what this one compiled.
     */
    public static void warmUp(GuestLanguage language, String script) {
        language.warmUp(() -> {
            try {
                new GraalController(language, new ScriptSource("warm-up", language.id(), script,
                        ScriptSource.API_POLYSIM), new CallLimits(1_000_000, TOP_LEVEL_MILLIS, 200, 1 << 20, 1024),
                        false).close();
            } catch (ScriptException e) {
                throw new IllegalStateException("the warm-up script does not compile: " + e.getMessage(), e);
            }
        });
    }

    @Override
    public void init(EntityContext e) throws ScriptException {
        if (hasInit) { // most scripts have none: 10k entities then cost no guest call at creation
            run("init", e);
        }
    }

    @Override
    public void restore(EntityContext e) {
        handedOver.remove(e.id());
    }

    @Override
    public void forget(String entityId) {
        handedOver.remove(entityId);
        if (context != null) { // the guest may keep text the host no longer counts on (after a failed call)
            try {
                context.resetLimits();
                call.execute("forget", entityId, null, 0, null, null, false); // the guest drops its copy
            } catch (PolyglotException ignored) {
                // a context that cannot run is rebuilt, empty, on next use
            }
        }
    }

    @Override
    public void update(EntityContext e) throws ScriptException {
        run("update", e);
    }

    /**
     * A run of updates in one guest call. The guest takes the run's ids, states (those it does not hold already) and
     * inboxes as one text per {@link #CHUNK} entities, and crosses back once per update, with its result, for the
     * next: each crossing of the interpreter into the host costs more than a small update's own work while the guest
     * code is not yet compiled, the case of every short run. Each update still gets a budget of its own: the
     * statement count is reset and the watchdog restarted between turns ({@link Context#resetLimits} takes effect
     * inside a call in progress).
     */
    @Override
    public void updateAll(Turns turns) throws ScriptException {
        EntityContext first = turns.next();
        if (first != null) {
            enter("run", first, new Run(turns, first));
        }
    }

    /**
     * Updates run by a language's engine after which its prelude takes the paths that are quicker once compiled (the
     * JavaScript prelude's {@code one}; inboxes read from the host as each update begins, not in the run's chunks):
     * about when Truffle has compiled the prelude's per-update functions. A 10k-entity JavaScript wealth world, ticks
     * 200 to 400, best 50-tick blocks: 21 to 23 ms a tick before chunks, 32 to 35 with chunks and the interpreter's
     * paths throughout, 22 to 24 with these paths once warm (bench/README.md, "A typical first model"). The paths
     * taken at the switch run interpreted at first, so it comes late: at 100,000 a typical part's second world
     * (300 entities, the switch 40,000 updates into it) took Python 8.9 s instead of 4.2, JavaScript 2.9 instead of
     * 1.8 (on a machine then about 40% slower, by the own runtimes' figures in the same run); at a million, worlds
     * of a few hundred entities keep one path for their first dozen worlds, and a 10k-entity world switches at its
     * hundredth tick. Counted a chunk at a time (an entity destroyed before its turn counts all the same): one
     * shared counter per update would be contended by worlds running on several threads.
     */
    static final long WARM_UPDATES = 1_000_000;
    /** A system property that replaces {@link #WARM_UPDATES}: 0 has every call take the compiled path (tests). */
    public static final String WARM_UPDATES_PROPERTY = "polysim.warm_updates";

    /** Whether this language's prelude code is likely compiled by now: see {@link #WARM_UPDATES}. */
    private boolean warm() {
        return language.updates.get() >= Long.getLong(WARM_UPDATES_PROPERTY, WARM_UPDATES);
    }

    /** Entities per chunk of a run: enough to cross rarely, few enough to keep a large run's text small. */
    static final int CHUNK = 512;

    /** The host's side of a run in progress: one entity's update after another, as the guest asks. */
    private final class Run implements HostApi.Loop {
        private final Turns turns;
        /** The update in progress; before the guest's first {@link #next}, the run's first, begun already. */
        private EntityContext updating;
        private boolean begun;
        private List<Turns.Upcoming> chunk = List.of();
        /** Index in {@link #chunk} of the update in progress. */
        private int at;
        private String chunkText;
        private Watchdog.Running running;

        Run(Turns turns, EntityContext first) {
            this.turns = turns;
            this.updating = first;
        }

        @Override
        public int next(String result) {
            if (begun) {
                finish(updating, result);
                log.flushLine();
                updating = turns.next();
                host.bind(updating);
                if (updating == null) {
                    return HostApi.DONE;
                }
            }
            begun = true;
            int found = at + 1;
            while (found < chunk.size() && !chunk.get(found).id().equals(updating.id())) {
                found++; // destroyed since the chunk was made
            }
            int index = found;
            if (found >= chunk.size()) {
                chunk = turns.ahead(CHUNK);
                chunkText = encode(chunk);
                language.updates.addAndGet(chunk.size());
                index = HostApi.NEW_CHUNK;
                found = 0;
            }
            at = found;
            context.resetLimits();
            running.restart();
            return index;
        }

        @Override
        public String chunk() {
            return chunkText;
        }

        /** A state the guest holds already goes as null, and is forgotten as handed over until its update succeeds. */
        private String encode(List<Turns.Upcoming> entities) {
            return codec.encodeChunk(entities, u -> handedOver.remove(u.id()) == u.state(), !warm());
        }
    }

    private void run(String kind, EntityContext e) throws ScriptException {
        Value result = enter(kind, e, null);
        try {
            finish(e, result.isNull() ? null : result.asString());
        } catch (IllegalArgumentException bad) {
            throw new ScriptException(ScriptException.Kind.ERROR, bad.getMessage(), 0);
        }
    }

    /** One call into the guest for {@code e}, and for the rest of {@code run} if there is one. */
    private Value enter(String kind, EntityContext e, Run run) throws ScriptException {
        if (context == null) {
            open(); // the previous context was stopped; states live in the engine, so nothing is lost
        }
        String params = e.params() != paramsSent ? codec.encode(e.params()) : null;
        String stateIn = run == null ? stateIn(e) : null; // a run hands its states over in chunks
        host.loop(run);
        host.bind(e);
        context.resetLimits();
        try (var running = Watchdog.start(context, limits.wallMillis(), limits.allocBytes())) {
            if (run != null) {
                run.running = running;
            }
            try {
                Value result = call.execute(kind, e.id(), e.script(), e.time(), stateIn, params, warm());
                paramsSent = e.params();
                return result;
            } catch (PolyglotException ex) {
                throw failure(ex, running.stop(), ScriptException.Kind.ERROR);
            }
        } finally {
            log.flushLine();
            host.bind(null);
            host.loop(null);
        }
    }

    /**
     * The state text to hand the guest with a call, or null when the guest holds this very state; either way it is
     * forgotten as handed over until the call succeeds.
     */
    private String stateIn(EntityContext e) {
        return handedOver.remove(e.id()) == e.state() ? null : codec.encode(e.state());
    }

    /** A call succeeded: {@code result} is the state's new text, or null when it did not change. */
    private void finish(EntityContext e, String result) {
        if (result == null) {
            handedOver.put(e.id(), e.state()); // unchanged: keep the engine's tree
            return;
        }
        JsonNode state = codec.decode(result, "e.state");
        if (!state.isObject()) {
            throw new IllegalArgumentException("e.state must be an object (key: value pairs), got " + state);
        }
        e.setState((ObjectNode) state);
        handedOver.put(e.id(), (ObjectNode) state);
    }

    /** Turns a guest failure into the author's terms; a stopped context is dropped and rebuilt on next use. */
    private ScriptException failure(PolyglotException e, Watchdog.Stop stop, ScriptException.Kind kind) {
        boolean stopped = stop != Watchdog.Stop.NONE || e.isCancelled() || e.isResourceExhausted()
                || e.isInterrupted() || e.isExit();
        if (stopped && context != null) {
            Context dead = context;
            context = null;
            try {
                dead.close(true);
            } catch (RuntimeException ignored) {
                // already closed by the watchdog
            }
        }
        int line = line(e);
        if (stop == Watchdog.Stop.TIMEOUT || (e.isInterrupted() && stop == Watchdog.Stop.NONE)) {
            return new ScriptException(ScriptException.Kind.TIMEOUT, "ran longer than " + limits.wallMillis()
                    + " ms (limits.wall_ms) in a single update or init; is there a loop that never ends? If the "
                    + "work is meant, raise limits.wall_ms", line);
        }
        if (stop == Watchdog.Stop.ALLOCATION) {
            return new ScriptException(ScriptException.Kind.BUDGET, Allocations.overBudget(limits.allocMb()), line);
        }
        boolean statementLimit = String.valueOf(e.getMessage()).contains("Statement count limit");
        if (stop == Watchdog.Stop.MEMORY || (e.isResourceExhausted() && !statementLimit)) {
            // the heap guard stopped it, or the allocation failed before the guard could (the JVM recovers)
            return new ScriptException(ScriptException.Kind.BUDGET, "was stopped because the server ran short of "
                    + "memory; is the script building ever larger data?", line);
        }
        if (statementLimit || e.isCancelled()) {
            return new ScriptException(ScriptException.Kind.BUDGET, "used its whole statement budget of "
                    + limits.instructions() + " (limits.instructions) in a single update or init; is there a loop "
                    + "that never ends? If the work is meant, raise limits.instructions",
                    line);
        }
        if (e.isExit()) {
            return new ScriptException(ScriptException.Kind.ERROR, "the script asked to exit; return from "
                    + "update instead", line);
        }
        if (e.isSyntaxError()) {
            GuestLanguage.SyntaxError written = language.syntaxError(e, script.code(), line, column(e));
            return new ScriptException(ScriptException.Kind.COMPILE, written.message(), written.line());
        }
        if (e.isHostException()) {
            Throwable cause = e.asHostException();
            return new ScriptException(kind, cause instanceof OutOfMemoryError ? "out of memory"
                    : String.valueOf(cause.getMessage()), line);
        }
        return new ScriptException(kind, language.explain(e), line);
    }

    /** The 1-based column where the guest puts a syntax error in the author's script, 0 when unknown. */
    private int column(PolyglotException e) {
        var at = e.getSourceLocation();
        return at != null && at.hasColumns() && user.getName().equals(at.getSource().getName())
                ? at.getStartColumn() : 0;
    }

    /** The line in the author's script: the innermost stack frame in it (not in the prelude). */
    private int line(PolyglotException e) {
        String name = user.getName();
        if (e.getSourceLocation() != null && name.equals(e.getSourceLocation().getSource().getName())) {
            return e.getSourceLocation().getStartLine();
        }
        for (PolyglotException.StackFrame f : e.getPolyglotStackTrace()) {
            if (f.getSourceLocation() != null && name.equals(f.getSourceLocation().getSource().getName())) {
                return f.getSourceLocation().getStartLine();
            }
        }
        return 0;
    }

    @Override
    public void close() {
        if (context != null) {
            context.close(true);
            context = null;
        }
    }
}
