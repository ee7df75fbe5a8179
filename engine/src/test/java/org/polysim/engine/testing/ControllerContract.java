package org.polysim.engine.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.DynamicTest;
import java.util.stream.Stream;
import org.polysim.engine.LogLine;
import org.polysim.engine.SimulationException;
import org.polysim.engine.World;
import org.polysim.engine.WorldFiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The contract every language module passes with a small subclass that supplies the same behaviours written in its
 * language. Behaviours (the subclass returns their source from {@link #source}):
 * <ul>
 *   <li>{@code lifecycle}: init sets {@code state.inits = 1}, {@code state.born = e.time} and logs "init &lt;id&gt;";
 *       update increments {@code state.updates} (starting from 0) and records metric {@code updates} = 1.</li>
 *   <li>{@code keeper}: update sets {@code state.copy = state.value}.</li>
 *   <li>{@code echo}: for each message, sends {@code "re:" + kind} with the same content back to its sender
 *       (no delay) and records metric {@code echoed} = 1.</li>
 *   <li>{@code starter}: at time 1 sends {@code params.payload} to {@code params.target} as kind {@code ping} with
 *       delay 2; for each message received stores {@code state.reply = content}, {@code state.reply_kind},
 *       {@code state.reply_from}, {@code state.reply_sent_at}, {@code state.reply_time = e.time}.</li>
 *   <li>{@code spawner}: at time 1 spawns a {@code lifecycle} with state {@code {gift: 5}} and keeps its id in
 *       {@code state.child}; at time 2 destroys the child; at time 3 destroys itself.</li>
 *   <li>{@code randomer}: records metric {@code roll} = random(1, 6), {@code u} = random(), {@code peers} = number
 *       of live {@code randomer} entities.</li>
 *   <li>{@code printer}: prints "hello" and 42 with the language's print.</li>
 *   <li>{@code failer}: at time 2 raises an error "boom" on line {@link #failingLine()}.</li>
 *   <li>{@code looper}: update loops forever.</li>
 *   <li>{@code churner}: update allocates garbage forever (about 80 KB a step, nothing kept).</li>
 *   <li>{@code global_writer}: update assigns a global variable.</li>
 *   <li>{@code nil_metric}: update records metric {@code wage} with the language's nothing (nil, undefined,
 *       None) as its value.</li>
 *   <li>{@code numbers}: at time 1 sends itself two messages; at time 2 builds an object {@code values} of numbers
 *       made by the language's common builtins, among them {@code roll = random(1, 6)} and {@code inbox} = the
 *       length of the inbox (2); stores it in {@code state.values}, sends it to itself as kind {@code values} and
 *       spawns a {@code numbers} entity with state {@code {values: values}}; stores the content of a
 *       {@code values} message in {@code state.received}. {@link #expectedNumbers} gives the values but roll.</li>
 *   <li>{@code hoarder}: keeps every state object it was given in a list at the script's top level; each update
 *       first sets {@code count} to 999 and appends 1 to {@code list} in every object kept from earlier calls, then
 *       adds 1 to its own {@code count} (starting from 0) and sets {@code list} to {@code [0]} if it has none.</li>
 *   <li>{@code culler}: adds 1 to {@code state.updates} (starting from 0); then, if {@code state.cull} is set,
 *       destroys the entity of that id and removes {@code cull} from its state.</li>
 *   <li>{@code spender}: counts from 0 to {@code params.loops} in a loop, one step at a time, and stores the count
 *       in {@code state.loops}.</li>
 * </ul>
 * Behaviours that fail on a known line of the script as written (lines count from 1; a comment may fill one):
 * <ul>
 *   <li>{@code syntax_error}: defines update, with a syntax error on line {@link #SYNTAX_ERROR_LINE}.</li>
 *   <li>{@code top_level_failer}: raises an error "boom" at the script's top level on line
 *       {@link #TOP_LEVEL_ERROR_LINE}.</li>
 *   <li>{@code init_failer}: defines update; init raises an error "boom" on line {@link #INIT_ERROR_LINE}.</li>
 *   <li>{@code helper_failer}: update, defined after a helper function, calls the helper, which fails on line
 *       {@link #HELPER_ERROR_LINE} with an error of the language's own (not one the script raises), e.g. an
 *       undefined name.</li>
 * </ul>
 */
public abstract class ControllerContract {

    /** Where {@code syntax_error}, {@code top_level_failer}, {@code init_failer}, {@code helper_failer} fail. */
    protected static final int SYNTAX_ERROR_LINE = 4;
    protected static final int TOP_LEVEL_ERROR_LINE = 5;
    protected static final int INIT_ERROR_LINE = 6;
    protected static final int HELPER_ERROR_LINE = 3;

    /** A location in an error message: "(python, line 14)", "(s.py, line 14)", "s.js:14:3", "s:14:". */
    private static final Pattern LOCATION = Pattern.compile("\\bline (\\d+)\\)|\\.?\\w*:(\\d+):");

    private final String language;
    private final Map<String, String> sources;
    private final int failingLine;

    /**
     * @param sources     the behaviours listed above, by name, in the language
     * @param failingLine the line of {@code failer} that raises "boom"
     */
    protected ControllerContract(String language, Map<String, String> sources, int failingLine) {
        this.language = language;
        this.sources = sources;
        this.failingLine = failingLine;
    }

    /** {@code sources} with one more behaviour ({@link Map#of} takes ten pairs at most). */
    protected static Map<String, String> plus(Map<String, String> sources, String behaviour, String source) {
        Map<String, String> all = new LinkedHashMap<>(sources);
        all.put(behaviour, source);
        return all;
    }

    protected final String language() {
        return language;
    }

    protected final String source(String behaviour) {
        String source = sources.get(behaviour);
        if (source == null) {
            throw new IllegalStateException("the " + language + " contract test lacks behaviour '" + behaviour + "'");
        }
        return source;
    }

    protected final int failingLine() {
        return failingLine;
    }

    /** What {@code numbers} computes, as JSON text, without {@code roll}: each number as the language makes it. */
    protected abstract String expectedNumbers();

    /** Whole scripts (update bodies doing something forbidden) and a fragment the error must contain. */
    protected abstract Map<String, String> denials();

    /**
     * Scripts with a syntax error of this language's own kind, each with the line its reference implementation
     * names (CPython for Python, for instance), beside the shared {@code syntax_error}.
     */
    protected Map<String, Integer> syntaxErrorsOnKnownLines() {
        return Map.of();
    }

    /** Whether assigning a global inside update is refused (Lua, JS; Python uses {@code global}). */
    protected boolean refusesGlobalWrites() {
        return true;
    }

    static {
        // the Java twin of "randomer", to prove every language draws the same numbers
        JavaTestLanguage.register("randomer", e -> {
            e.metric("roll", e.random(1, 6));
            e.metric("u", e.random());
            e.metric("peers", e.entities("randomer").size());
        });
    }

    protected World world(String yaml) throws SimulationException {
        return World.create(WorldFiles.parse(yaml, false, "contract.yaml"), null, null);
    }

    /** A one-script world: {@code count} entities of behaviour {@code name}. */
    protected World single(String name, int count, String extra) throws SimulationException {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("name", "contract-" + name);
        root.put("seed", 99);
        ObjectNode s = root.putObject("scripts").putObject(name);
        s.put("language", language());
        s.put("source", source(name));
        root.putArray("entities").addObject().put("script", name).put("count", count);
        if (extra != null) {
            ObjectNode more = (ObjectNode) WorldFiles.parse(extra, false, "extra");
            more.properties().forEach(p -> root.set(p.getKey(), p.getValue()));
        }
        return World.create(root, null, null);
    }

    @Test
    void initRunsOnceAtCreationAndUpdateEveryTick() throws Exception {
        World w = single("lifecycle", 2, null);
        assertThat(w.entityState("lifecycle-1").orElseThrow().path("inits").asInt()).isEqualTo(1);
        assertThat(w.log("lifecycle-2", 5)).extracting(LogLine::text).containsExactly("init lifecycle-2");
        w.advance(3);
        ObjectNode s = w.entityState("lifecycle-1").orElseThrow();
        assertThat(s.path("updates").asInt()).isEqualTo(3);
        assertThat(s.path("inits").asInt()).isEqualTo(1);
        assertThat(s.path("born").asDouble()).isZero();
        assertThat(w.metric("updates").orElseThrow().values()).containsExactly(2, 2, 2);
    }

    /** Every JSON type survives the trip into the language and back. */
    protected JsonNode richValue() {
        return WorldFiles.parse("""
                {"text": "héllo wörld ✓ 日本", "int": 3, "negative": -17, "big": 1000000000000, "float": 2.5,
                 "small": 1.0e-7, "yes": true, "no": false, "empty_object": {}, "empty_array": [],
                 "nested": {"list": [1, "two", [3, {"four": 4}]], "deep": {"er": {"est": "x"}}},
                 "with_null": [1, null, 3]}
                """, true, "value");
    }

    @Test
    void stateRoundTripsEveryJsonType() throws Exception {
        World w = single("keeper", 1, null);
        w.setEntityState("keeper-1", (ObjectNode) JsonNodeFactory.instance.objectNode().set("value", richValue()));
        w.advance(2);
        ObjectNode s = w.entityState("keeper-1").orElseThrow();
        assertThat(s.get("value")).isEqualTo(richValue());
        assertThat(s.get("copy")).isEqualTo(richValue());
    }

    /** Integers and floats a script computes are stored, sent and spawned exactly: integer or float, every digit. */
    @Test
    void numbersFromBuiltinsTravelExactlyThroughStateMessagesAndSpawns() throws Exception {
        World w = single("numbers", 1, null);
        w.advance(3);
        JsonNode expected = WorldFiles.parse(expectedNumbers(), true, "expected numbers");
        Map<String, JsonNode> copies = new LinkedHashMap<>();
        copies.put("state", w.entityState("numbers-1").orElseThrow().get("values"));
        copies.put("message content", w.entityState("numbers-1").orElseThrow().get("received"));
        copies.put("spawn state", w.entityState("numbers-2").orElseThrow().get("values"));
        JsonNode roll = copies.get("state").get("roll");
        assertThat(roll.isIntegralNumber() && roll.asInt() >= 1 && roll.asInt() <= 6).as("roll " + roll).isTrue();
        copies.forEach((where, values) -> {
            assertThat(values).as(where).isNotNull();
            assertThat(values.propertyNames()).as(where).containsExactlyInAnyOrderElementsOf(
                    Stream.concat(expected.propertyNames().stream(), Stream.of("roll")).toList());
            assertThat(values.get("roll")).as(where + ".roll").isEqualTo(roll);
            // as text, so that 3 and 3.0 differ while an int and a long holding 3 do not
            expected.properties().forEach(p -> assertThat(values.get(p.getKey()).toString())
                    .as(where + "." + p.getKey()).isEqualTo(p.getValue().toString()));
        });
    }

    @Test
    void messagesCarryContentSenderKindAndTimes() throws Exception {
        World w = world("""
                name: ping
                params: { target: echo-1, payload: %s }
                scripts:
                  starter: { language: %s, source: %s }
                  echo: { language: %s, source: %s }
                entities:
                  - { script: starter }
                  - { script: echo }
                """.formatted(WorldFiles.toJson(richValue()).strip(), language(), quote(source("starter")),
                language(), quote(source("echo"))));
        w.advance(4);
        ObjectNode s = w.entityState("starter-1").orElseThrow();
        assertThat(s.get("reply")).isEqualTo(richValue());
        assertThat(s.path("reply_kind").asString()).isEqualTo("re:ping");
        assertThat(s.path("reply_from").asString()).isEqualTo("echo-1");
        assertThat(s.path("reply_sent_at").asDouble()).isEqualTo(3);
        assertThat(s.path("reply_time").asDouble()).isEqualTo(4);
        assertThat(w.metric("echoed").orElseThrow().times()).containsExactly(3);
    }

    @Test
    void spawnAndDestroyAreCommands() throws Exception {
        World w = world("""
                name: spawn
                scripts:
                  spawner: { language: %s, source: %s }
                  lifecycle: { language: %s, source: %s }
                entities:
                  - { script: spawner }
                """.formatted(language(), quote(source("spawner")), language(), quote(source("lifecycle"))));
        w.advance(1);
        assertThat(w.entityState("spawner-1").orElseThrow().path("child").asString()).isEqualTo("lifecycle-1");
        ObjectNode child = w.entityState("lifecycle-1").orElseThrow();
        assertThat(child.path("gift").asInt()).isEqualTo(5);
        assertThat(child.path("born").asDouble()).isEqualTo(1);
        w.advance(1);
        assertThat(w.entityIds(null)).containsExactly("spawner-1");
        w.advance(1);
        assertThat(w.entityIds(null)).isEmpty();
    }

    @Test
    void randomnessIsTheEntityStreamAndMatchesEveryOtherLanguage() throws Exception {
        World mine = single("randomer", 5, null);
        World java = World.create(WorldFiles.parse("""
                name: java-randomer
                seed: 99
                scripts: { randomer: { language: java-test, source: randomer } }
                entities: [ { script: randomer, count: 5 } ]
                """, false, "java"), null, null);
        mine.advance(20);
        java.advance(20);
        for (String metric : new String[] {"roll", "u", "peers"}) {
            assertThat(mine.metric(metric).orElseThrow().values()).as(metric)
                    .containsExactly(java.metric(metric).orElseThrow().values());
        }
        assertThat(mine.metric("roll").orElseThrow().min()).isGreaterThanOrEqualTo(5);
        assertThat(mine.metric("roll").orElseThrow().max()).isLessThanOrEqualTo(30);
    }

    @Test
    void printGoesToTheWorldLog() throws Exception {
        World w = single("printer", 1, null);
        w.advance(1);
        assertThat(w.log("printer-1", 5)).singleElement().satisfies(l ->
                assertThat(l.text()).contains("hello").contains("42"));
    }

    @Test
    void anErrorNamesEntityScriptLanguageAndLineAndRollsBack() throws Exception {
        World w = single("failer", 1, null);
        w.advance(1);
        String before = WorldFiles.toJson(w.snapshot());
        SimulationException e = catchThrowableOfType(SimulationException.class, () -> w.advance(1));
        assertThat(e.kind()).isEqualTo("ERROR");
        assertThat(e.entity()).isEqualTo("failer-1");
        assertThat(e.script()).isEqualTo("failer");
        assertThat(e.language()).isEqualTo(language());
        assertThat(e.line()).isEqualTo(failingLine());
        assertThat(e.cause()).contains("boom");
        assertThat(e.getMessage()).contains("line " + failingLine());
        assertThat(WorldFiles.toJson(w.snapshot())).isEqualTo(before);
    }

    @Test
    void aRolledBackTickLeavesNoTraceInTheNextOne() throws Exception {
        // lifecycle-1 updates before failer-1 fails at time 2: its second update must be undone everywhere,
        // including any copy of its state a controller keeps between calls
        World w = world("""
                name: rollback
                scripts:
                  lifecycle: { language: %1$s, source: %2$s }
                  failer: { language: %1$s, source: %3$s }
                entities: [ { script: lifecycle }, { script: failer } ]
                """.formatted(language(), quote(source("lifecycle")), quote(source("failer"))));
        w.advance(1);
        catchThrowableOfType(SimulationException.class, () -> w.advance(1));
        assertThat(w.entityState("lifecycle-1").orElseThrow().path("updates").asInt()).isEqualTo(1);
        w.putScript("failer", null, source("lifecycle"));
        w.advance(1);
        assertThat(w.entityState("lifecycle-1").orElseThrow().path("updates").asInt()).isEqualTo(2);
    }

    @Test
    void stateSetOrReplacedBetweenTicksIsWhatTheScriptSees() throws Exception {
        World w = single("lifecycle", 2, null);
        w.advance(2);
        w.setEntityState("lifecycle-1", (ObjectNode) WorldFiles.parse("{updates: 10}", false, "state"));
        w.advance(1);
        assertThat(w.entityState("lifecycle-1").orElseThrow().path("updates").asInt()).isEqualTo(11);
        assertThat(w.entityState("lifecycle-2").orElseThrow().path("updates").asInt()).isEqualTo(3);
        w.removeEntity("lifecycle-2");
        w.addEntity("lifecycle", (ObjectNode) WorldFiles.parse("{updates: 50}", false, "state"), "lifecycle-2");
        w.advance(1);
        assertThat(w.entityState("lifecycle-2").orElseThrow().path("updates").asInt()).isEqualTo(51);
    }

    /**
     * A state object outlives its call only in the script's own hands: changing it later changes nothing the
     * engine holds, nor what the entity, or any other, sees next (however the controller keeps states between calls).
     */
    @Test
    void aStateKeptByTheScriptIsNoLongerTheEntitys() throws Exception {
        World w = single("hoarder", 2, null);
        w.advance(3);
        JsonNode expected = WorldFiles.parse("{count: 3, list: [0]}", false, "expected");
        assertThat(w.entityState("hoarder-1").orElseThrow()).isEqualTo(expected);
        assertThat(w.entityState("hoarder-2").orElseThrow()).isEqualTo(expected);
    }

    /**
     * Consecutive entities of one script may be updated in one call into the guest (Controller.updateAll); each
     * update still has a budget and log lines of its own.
     */
    @Test
    void everyUpdateInARunOfOneScriptHasItsOwnBudgetAndLogLines() throws Exception {
        // 12000 steps fit 100000 statements in every language; ten entities' 120000 together do not
        World w = single("spender", 10, "params: { loops: 12000 }\nlimits: { instructions: 100000 }");
        w.advance(2);
        assertThat(w.entityState("spender-10").orElseThrow().path("loops").asInt()).isEqualTo(12000);
        World tooMuch = single("spender", 10, "params: { loops: 120000 }\nlimits: { instructions: 100000 }");
        SimulationException e = catchThrowableOfType(SimulationException.class, () -> tooMuch.advance(1));
        assertThat(e.kind()).isEqualTo("BUDGET");
        assertThat(e.entity()).isEqualTo("spender-1");
        World loud = single("printer", 3, null);
        loud.advance(2);
        for (int k = 1; k <= 3; k++) {
            assertThat(loud.log("printer-" + k, 5)).hasSize(2).allSatisfy(l ->
                    assertThat(l.text()).contains("hello").contains("42"));
        }
    }

    /**
     * A long run of one script, as a controller may hand its guest a part at a time: every entity is updated once a
     * tick, with its own state, and one destroyed by an earlier update of the tick is not, wherever it falls in the
     * run.
     */
    @Test
    void aLongRunUpdatesEachLiveEntityOnceWithItsOwnState() throws Exception {
        int n = 1300;
        World w = single("culler", n, null);
        w.advance(1);
        // each culls an entity far ahead in the run, or the next one
        w.setEntityStates(Map.of("culler-2", cull("culler-3"), "culler-10", cull("culler-1290"),
                "culler-700", cull("culler-701"), "culler-1200", cull("culler-5")));
        w.advance(1);
        // culler-5 had its turn before culler-1200 destroyed it; the three others never had theirs
        assertThat(w.entityIds("culler")).hasSize(n - 4)
                .doesNotContain("culler-3", "culler-1290", "culler-701", "culler-5");
        for (String id : w.entityIds("culler")) {
            assertThat(w.entityState(id).orElseThrow().path("updates").asInt()).as(id).isEqualTo(2);
        }
        w.advance(1);
        assertThat(w.entityState("culler-1300").orElseThrow().path("updates").asInt()).isEqualTo(3);
        assertThat(w.entityState("culler-2").orElseThrow().has("cull")).isFalse();
    }

    private static ObjectNode cull(String id) {
        return JsonNodeFactory.instance.objectNode().put("updates", 1).put("cull", id);
    }

    @Test
    void aCompileErrorNamesTheScriptAndLine() {
        SimulationException e = catchThrowableOfType(SimulationException.class, () -> world("""
                name: broken
                scripts:
                  broken: { language: %s, source: "x = = 1\\n" }
                """.formatted(language())));
        assertThat(e.kind()).isEqualTo("COMPILE");
        assertThat(e.script()).isEqualTo("broken");
        assertThat(e.line()).isEqualTo(1);
    }

    /**
     * A syntax error names the line as the author wrote it (and as the language's own implementation names it),
     * both where the error says where it is and in the guest's own words quoted in it.
     */
    @TestFactory
    Stream<DynamicTest> aSyntaxErrorNamesTheLineAsWritten() {
        Map<String, Integer> cases = new LinkedHashMap<>();
        cases.put(source("syntax_error"), SYNTAX_ERROR_LINE);
        cases.putAll(syntaxErrorsOnKnownLines());
        return cases.entrySet().stream().map(c -> DynamicTest.dynamicTest("line " + c.getValue() + ": "
                + c.getKey().lines().skip(c.getValue() - 1).findFirst().orElse("").strip(), () -> {
            SimulationException e = catchThrowableOfType(SimulationException.class, () -> world("""
                    name: broken
                    scripts:
                      broken: { language: %s, source: %s }
                    entities: [ { script: broken } ]
                    """.formatted(language(), quote(c.getKey()))));
            assertThat(e).as(c.getKey()).isNotNull();
            assertThat(e.kind()).as(e.getMessage()).isEqualTo("COMPILE");
            assertThat(e.script()).isEqualTo("broken");
            assertNamesLine(e, c.getValue());
        }));
    }

    @Test
    void anErrorAtTheTopLevelNamesItsLine() {
        SimulationException e = catchThrowableOfType(SimulationException.class,
                () -> single("top_level_failer", 1, null));
        assertThat(e).isNotNull();
        assertThat(e.cause()).contains("boom");
        assertNamesLine(e, TOP_LEVEL_ERROR_LINE);
    }

    @Test
    void anErrorInInitNamesItsLine() {
        SimulationException e = catchThrowableOfType(SimulationException.class, () -> single("init_failer", 1, null));
        assertThat(e).isNotNull();
        assertThat(e.kind()).isEqualTo("ERROR");
        assertThat(e.entity()).isEqualTo("init_failer-1");
        assertThat(e.cause()).contains("boom");
        assertNamesLine(e, INIT_ERROR_LINE);
    }

    @Test
    void anErrorInAFunctionUpdateCallsNamesTheLineThatFailed() throws Exception {
        World w = single("helper_failer", 1, null);
        SimulationException e = catchThrowableOfType(SimulationException.class, () -> w.advance(1));
        assertThat(e).isNotNull();
        assertThat(e.kind()).isEqualTo("ERROR");
        assertThat(e.entity()).isEqualTo("helper_failer-1");
        assertNamesLine(e, HELPER_ERROR_LINE);
    }

    /** The error's line is {@code line}, and so is every location its message gives, the guest's own included. */
    private static void assertNamesLine(SimulationException e, int line) {
        assertThat(e.line()).as(e.getMessage()).isEqualTo(line);
        List<Integer> named = new ArrayList<>();
        Matcher m = LOCATION.matcher(e.getMessage());
        while (m.find()) {
            named.add(Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(2)));
        }
        assertThat(named).as("the lines named in: " + e.getMessage()).isNotEmpty().containsOnly(line);
    }

    @Test
    void aRunawayLoopIsStoppedByTheBudgetAndTheWorldGoesOn() throws Exception {
        World w = single("looper", 1, "limits: { instructions: 200000, wall_ms: 3000 }");
        SimulationException e = catchThrowableOfType(SimulationException.class, () -> w.advance(1));
        assertThat(e.kind()).isIn("BUDGET", "TIMEOUT");
        assertThat(e.entity()).isEqualTo("looper-1");
        assertThat(w.tick()).isZero();
        w.putScript("looper", null, source("lifecycle"));
        w.advance(2);
        assertThat(w.tick()).isEqualTo(2);
        assertThat(w.entityState("looper-1").orElseThrow().path("updates").asInt()).isEqualTo(2);
    }

    @Test
    void aCallThatAllocatesPastItsBudgetFailsOnlyItsOwnWorld() throws Exception {
        // nothing it allocates stays live, so the heap guard never fires; before the per-call budget it ran on
        // until the wall clock stopped it, allocating gigabytes a second for every world to collect
        World hog = single("churner", 1, "limits: { instructions: 2000000000, wall_ms: 60000, alloc_mb: 64 }");
        World calm = single("lifecycle", 2, null);
        SimulationException e = catchThrowableOfType(SimulationException.class, () -> hog.advance(1));
        assertThat(e).isNotNull();
        assertThat(e.kind()).as(e.getMessage()).isEqualTo("BUDGET");
        assertThat(e.cause()).contains("allocated more than 64 MB in a single update or init (limits.alloc_mb)");
        assertThat(e.entity()).isEqualTo("churner-1");
        assertThat(hog.tick()).isZero();
        calm.advance(3);
        assertThat(calm.entityState("lifecycle-2").orElseThrow().path("updates").asInt()).isEqualTo(3);
        hog.putScript("churner", null, source("lifecycle"));
        hog.advance(1);
        assertThat(hog.tick()).isEqualTo(1);
    }

    @Test
    void assigningAGlobalInUpdateSaysToUseState() throws Exception {
        if (!refusesGlobalWrites()) {
            return;
        }
        World w = single("global_writer", 1, null);
        SimulationException e = catchThrowableOfType(SimulationException.class, () -> w.advance(1));
        assertThat(e.cause()).contains("e.state");
    }

    /** A call missing a value names which call it was, by its first argument: one of many metrics. */
    @Test
    void aMissingValueNamesTheCallByItsFirstArgument() throws SimulationException {
        World w = single("nil_metric", 1, null);
        SimulationException e = catchThrowableOfType(SimulationException.class, () -> w.advance(1));
        assertThat(e.cause()).contains("metric: value is missing for name 'wage'");
    }

    /**
     * The script a server exercises the language with while idle (ControllerProvider.exerciseScript) runs as a
     * model: twenty ticks of a hundred entities passing coins, none lost (those in flight are pending messages).
     */
    @Test
    void theExerciseScriptRunsAndLosesNoCoin() throws SimulationException {
        String exercise = java.util.ServiceLoader.load(org.polysim.engine.spi.ControllerProvider.class).stream()
                .map(java.util.ServiceLoader.Provider::get).filter(p -> p.language().equals(language()))
                .findFirst().orElseThrow().exerciseScript();
        org.junit.jupiter.api.Assumptions.assumeTrue(exercise != null, language() + " has no exercise script");
        ObjectNode root = JsonNodeFactory.instance.objectNode().put("name", "exercise").put("seed", 3);
        root.putObject("scripts").putObject("agent").put("language", language()).put("source", exercise);
        root.putArray("entities").addObject().put("script", "agent").put("count", 100).putObject("state")
                .put("wealth", 1);
        try (World w = World.create(root, null, null)) {
            w.advance(20);
            double held = w.metric("wealth").orElseThrow().last();
            assertThat(held + w.pendingMessages()).isEqualTo(100);
            assertThat(w.pendingMessages()).isPositive();
        }
    }

    @TestFactory
    Stream<DynamicTest> sandboxDenialsAreClearErrorsAndTheWorldStaysUsable() {
        return denials().entrySet().stream().map(d -> DynamicTest.dynamicTest(d.getValue(), () -> {
            // a generous wall budget: the denial is what is tested, and a first import under load takes seconds
            World w = world("""
                    name: sandbox
                    limits: { wall_ms: 30000 }
                    scripts:
                      bad: { language: %s, source: %s }
                    entities: [ { script: bad } ]
                    """.formatted(language(), quote(d.getKey())));
            SimulationException e = catchThrowableOfType(SimulationException.class, () -> w.advance(1));
            assertThat(e).as(d.getKey()).isNotNull();
            assertThat(e.cause()).contains(d.getValue());
            assertThat(w.tick()).isZero();
            w.putScript("bad", null, source("lifecycle"));
            w.advance(1);
            assertThat(w.tick()).isEqualTo(1);
        }));
    }

    /** A YAML/JSON string literal. */
    protected static String quote(String text) {
        return JsonNodeFactory.instance.stringNode(text).toString();
    }
}
