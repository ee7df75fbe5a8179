package org.polysim.lang.graal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.SandboxPolicy;
import org.polysim.engine.spi.ApiMember;
import org.polysim.engine.spi.CallLimits;
import org.polysim.engine.spi.Names;

/**
 * What differs between GraalVM languages: id, engine, sandbox policy and options, the prelude that builds the
 * entity API in the guest, and how guest errors read. The prelude evaluates to a function
 * {@code install(host, members)} (members: the entity API as JSON, see {@link HostApi#members}) returning
 * {@code call(kind, id, script, time, stateText, paramsText)}, which runs the script's {@code init} or {@code update}
 * (reading the inbox through {@link HostApi#inboxSize} and its siblings) and returns the new state as text, or null
 * when it is unchanged. A null {@code stateText} means "the state you kept for this id"; kind {@code forget} drops
 * it; kind {@code run} updates this entity and then, while {@link HostApi#next} (given the last update's result)
 * names another, that one with {@link HostApi#stateIn} as its state text, and returns null (see
 * {@link GraalController}).
 */
public abstract class GuestLanguage {

    private final String id;
    private final String extension;
    private final SandboxPolicy policy;
    private final String prelude;
    private volatile Engine engine;
    /** The warm-up in progress or done, if one was started. */
    private volatile CompletableFuture<Void> warming;

    /**
     * @param id        the Truffle language id, e.g. {@code js}
     * @param extension file extension guest stack traces show for a script, e.g. {@code .js}
     * @param policy    the sandbox policy of the engine and its contexts
     * @param prelude   resource name of the prelude, next to the subclass
     */
    protected GuestLanguage(String id, String extension, SandboxPolicy policy, String prelude) {
        this.id = id;
        this.extension = extension;
        this.policy = policy;
        this.prelude = resource(getClass(), prelude);
    }

    /** Runs {@code warmUp}; contexts built meanwhile wait for it (see {@link #awaitWarmUp}). */
    void warmUp(Runnable warmUp) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        warming = done;
        try {
            warmUp.run();
        } finally {
            done.complete(null);
        }
    }

    /**
     * Waits for a warm-up in progress, at most {@code millis}: on two cores a second cold context beside the
     * warm-up's would slow both (a first Python world took 6.7 s instead of the 3 s left of the warm-up), while one
     * built after it reuses what the warm-up compiled.
     */
    void awaitWarmUp(long millis) {
        CompletableFuture<Void> running = warming;
        if (running == null || running.isDone()) {
            return;
        }
        try {
            running.get(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // build the context anyway
        }
    }

    /** The Truffle language id, e.g. {@code js}. */
    public String id() {
        return id;
    }

    /**
     * Updates run by every context of this language's engine, which shares compiled prelude code among them: a
     * prelude may choose the path that is quicker once compiled when the count says it likely is
     * ({@link GraalController#WARM_UPDATES}).
     */
    final java.util.concurrent.atomic.AtomicLong updates = new java.util.concurrent.atomic.AtomicLong();

    /** The one engine of this language in the process, created on first use and shared by every context. */
    public Engine engine() {
        Engine e = engine;
        if (e == null) {
            synchronized (this) {
                if (engine == null) {
                    engine = newEngine(id, policy);
                }
                e = engine;
            }
        }
        return e;
    }

    /** "GraalVM CE" when the Graal JIT is active; "Interpreted" when the JVM was started without it. */
    public String runtime() {
        return engine().getImplementationName() + " " + engine().getVersion();
    }

    /** The prelude's source text. */
    String prelude() {
        return prelude;
    }

    /** File name guest stack traces use for a script. */
    String fileName(String scriptId) {
        return scriptId + extension;
    }

    SandboxPolicy policy() {
        return policy;
    }

    /** How JSON values travel to and from this language's guests. */
    protected StateCodec codec() {
        return StateCodec.JSON;
    }

    /** Whether a whole double is a whole number in this language (JavaScript) rather than a float (Python). */
    protected boolean integralDoubles() {
        return true;
    }

    /**
     * The script as the guest evaluates it; a rewrite must keep every line and column where the author wrote them,
     * since errors name lines.
     */
    protected String prepare(String code) {
        return code;
    }

    /** Language options for one world's contexts. */
    protected void configure(Context.Builder builder, CallLimits limits) {
    }

    /** Runs after the script's top level (e.g. to lock globals). */
    protected void afterLoad(Context context) {
    }

    /** What an entity holds besides its API members ({@link ApiMember}). */
    private static final List<String> ENTITY_FIELDS = List.of("id", "script", "time", "state", "params");

    /**
     * Advice for a name a script used on the entity that is not what it thought: a property ({@code x}, {@code y},
     * {@code z}) called as a function, or a name the entity does not have, with the nearest one and the whole list.
     * Empty for an ordinary member. For a language's {@link #explain}.
     *
     * @param called whether the script called it ({@code e.x()})
     */
    protected static String entityAdvice(String name, boolean called) {
        TreeSet<String> known = new TreeSet<>(ENTITY_FIELDS);
        for (ApiMember m : ApiMember.values()) {
            known.add(m.memberName());
            if (m.memberName().equals(name)) {
                return m.property() && called ? " (e." + name + " is a number, the entity's position: write e."
                        + name + ", without parentheses)" : "";
            }
        }
        if (known.contains(name)) {
            return "";
        }
        // two edits at most: member names are short, and "energy" is not a misspelt "nearby"
        String near = Names.nearest(name, known, 2);
        return " (" + (near == null ? "" : "did you mean e." + near + "? ") + "the entity has no '" + name
                + "'; it has " + String.join(", ", known) + "; keep data of your own in e.state)";
    }

    /** The guest error in the author's words; a language may add advice. */
    protected String explain(PolyglotException e) {
        return e.getMessage() == null ? "error" : e.getMessage();
    }

    /**
     * A syntax error as the author should read it: the message, and the line of the script as written. By default
     * the guest's own words and {@code line}, where its parser put the error; a language whose parser misplaces
     * some errors moves them to where its reference implementation names them.
     *
     * @param code   the script as written (before {@link #prepare})
     * @param line   the line the guest's parser names, 0 when unknown
     * @param column its 1-based column, 0 when unknown
     */
    protected SyntaxError syntaxError(PolyglotException e, String code, int line, int column) {
        return new SyntaxError(explain(e), line);
    }

    /** What {@link #syntaxError} reports: the message and the 1-based line (0 when unknown). */
    public record SyntaxError(String message, int line) {}

    /** A resource next to {@code anchor}, as text. */
    private static String resource(Class<?> anchor, String name) {
        try (InputStream in = anchor.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Builds the shared engine with the policy its contexts use; its own output, if any, goes to stderr (stdout is
     * reserved for the MCP protocol).
     */
    private static Engine newEngine(String id, SandboxPolicy policy) {
        OutputStream stderr = new OutputStream() { // a stream of our own: CONSTRAINED refuses the standard ones
            @Override
            public void write(int b) {
                System.err.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                System.err.write(b, off, len);
            }
        };
        return Engine.newBuilder(id).sandbox(policy).out(stderr).err(stderr).build();
    }
}
