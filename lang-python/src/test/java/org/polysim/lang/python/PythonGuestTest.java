package org.polysim.lang.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.polysim.engine.SimulationException;
import org.polysim.engine.World;
import org.polysim.engine.WorldFiles;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Python-specific guarantees beyond the contract: the random module is seeded, no wall clock, types kept, integers
 * beyond 64 bits and non-finite floats refused by name.
 */
class PythonGuestTest {

    private static World world(String name, long seed, String source) throws SimulationException {
        return World.create(WorldFiles.parse("""
                name: %s
                seed: %d
                scripts:
                  s: { language: python, source: %s }
                entities: [ { script: s, count: 3 } ]
                """.formatted(name, seed, JsonNodeFactory.instance.stringNode(source)), false, "test"), null, null);
    }

    @Test
    void theNextCallSeesTheStateAsTheScriptStoredIt() throws Exception {
        World w = world("stored", 1, """
                def update(e, inbox):
                    s = e.state
                    if e.time == 1:
                        s.update(f=-0.0, b=True, big=2 ** 62, p=e.params, n={"l": [1.5, "x", None]})
                    else:
                        seen = {k: type(v).__name__ for k, v in s.items()}
                        seen.update(f=str(s["f"]), big=s["big"] == 2 ** 62, n=s["n"])
                        s.clear()
                        s["seen"] = seen
                """);
        w.advance(2);
        assertThat(w.entityState("s-1").orElseThrow().get("seen").toString()).isEqualTo("{\"f\":\"-0.0\","
                + "\"b\":\"bool\",\"big\":true,\"p\":\"dict\",\"n\":{\"l\":[1.5,\"x\",null]}}");
    }

    @Test
    void writingParamsSaysTheyAreReadOnlyAndHowToChangeThem() throws Exception {
        for (String write : new String[] {"e.params['a'] = 2", "e.params['inner']['b'] = 3", "e.params.update(a=1)"}) {
            String source = "def update(e, inbox):\n    e.state['a'] = e.params['a'] + e.params['inner']['b']\n    "
                    + write + "\n";
            World w = World.create(WorldFiles.parse("""
                    name: params
                    params: { a: 1, inner: { b: 2 } }
                    scripts:
                      s: { language: python, source: %s }
                    entities: [ { script: s } ]
                    """.formatted(JsonNodeFactory.instance.stringNode(source)), false, "test"), null, null);
            SimulationException e = catchThrowableOfType(SimulationException.class, () -> w.advance(1));
            assertThat(e.cause()).as(write).contains("e.params is read-only in scripts: the set_params tool "
                    + "changes a world's params").doesNotContain("mappingproxy");
            assertThat(e.line()).isEqualTo(3);
        }
    }

    @Test
    void nullsFromTheHostAreNoneAndCanBeStored() throws Exception {
        // a null the host returns reaches GraalPy as a ForeignNone, which marshal refused to store
        World w = world("nulls", 1, """
                def update(e, inbox):
                    if e.time == 1 and e.id == "s-1":
                        e.send(e.id, "nothing", None)
                        e.destroy("s-2")
                        e.state["look"] = e.look("s-2")
                    for m in inbox:
                        e.state["content"] = m.content
                """);
        w.advance(2);
        assertThat(w.entityState("s-1").orElseThrow().toString()).isEqualTo("{\"look\":null,\"content\":null}");
    }

    @Test
    void theRandomModuleIsTheEntityStreamAndTimeIsTheEpoch() throws Exception {
        String source = """
                import random, time, datetime
                def update(e, inbox):
                    e.metric("r", random.randint(1, 1000))
                    e.metric("c", random.choice([1, 2, 3]))
                    e.metric("now", time.time())
                    e.metric("year", datetime.datetime.now().year)
                """;
        World a = world("a", 1, source);
        World b = world("b", 1, source);
        World c = world("c", 2, source);
        for (World w : new World[] {a, b, c}) {
            w.advance(10);
        }
        assertThat(a.metric("r").orElseThrow().values()).containsExactly(b.metric("r").orElseThrow().values());
        assertThat(a.metric("r").orElseThrow().values()).isNotEqualTo(c.metric("r").orElseThrow().values());
        assertThat(a.metric("now").orElseThrow().max()).isZero();
        assertThat(a.metric("year").orElseThrow().last()).isEqualTo(3 * 1970);
    }

    @Test
    void theRandomModuleIsTheEntityStreamHoweverItIsImported() throws Exception {
        // the prelude patches random when it is first imported (importing it up front cost every context ~0.4 s)
        World viaImportlib = world("importlib", 5, """
                import importlib
                def update(e, inbox):
                    e.metric("u", importlib.import_module("random").random())
                    e.metric("when", importlib.import_module("datetime").date.today().year)
                """);
        World viaApi = world("api", 5, "def update(e, inbox):\n    e.metric('u', e.random())\n");
        viaImportlib.advance(4);
        viaApi.advance(4);
        assertThat(viaImportlib.metric("u").orElseThrow().values())
                .containsExactly(viaApi.metric("u").orElseThrow().values());
        assertThat(viaImportlib.metric("when").orElseThrow().last()).isEqualTo(3 * 1970);
    }

    @Test
    void integersAndFloatsKeepTheirTypes() throws Exception {
        World w = world("types", 1, "def update(e, inbox):\n    e.state['f'] = 2.0\n    e.state['i'] = 2\n");
        w.advance(1);
        assertThat(w.entityState("s-1").orElseThrow().toString()).isEqualTo("{\"f\":2.0,\"i\":2}");
    }

    @Test
    void numbersSentAsMessagesKeepTheirTypes() throws Exception {
        // numbers travel without text (HostApi.sendNumber); the nodes must be the ones marshal text would give
        World w = world("sent", 1, """
                def update(e, inbox):
                    if e.id == "s-1" and e.time == 1:
                        for v in (2, 2.0, 1.5, 1 << 40, (2**64 - 1) // 2, -2**63, True, -0.0):
                            e.send("s-2", "n", v)
                    for m in inbox:
                        e.state.setdefault("got", []).append(m["content"])
                """);
        w.advance(2);
        assertThat(w.entityState("s-2").orElseThrow().get("got").toString())
                .isEqualTo("[2,2.0,1.5,1099511627776,9223372036854775807,-9223372036854775808,true,-0.0]");
    }

    @Test
    void integersBeyond64BitsAreRefusedNamingTheFieldAndWhatToStore() throws Exception {
        String[][] cases = {
            {"e.state['big'] = {'x': [1, 2**64]}", "e.state.big.x[1] is the integer 18446744073709551616", "0"},
            {"e.send(e.id, 'n', -2**70)", "message content is the integer -1180591620717411303424", "2"},
            {"e.spawn('s', {'n': 10**30})", "the new entity's state.n is the integer " + "1" + "0".repeat(30), "2"}};
        for (String[] c : cases) {
            World w = world("big", 1, "def update(e, inbox):\n    " + c[0] + "\n");
            SimulationException e = catchThrowableOfType(SimulationException.class, () -> w.advance(1));
            assertThat(e).as(c[0]).isNotNull();
            assertThat(e.cause()).contains(c[1], "64-bit", "store float(x), or str(x)");
            assertThat(e.entity()).isEqualTo("s-1");
            assertThat(e.line()).isEqualTo(Integer.parseInt(c[2]));
            assertThat(w.tick()).isZero();
        }
    }

    @Test
    void infinityAndNanAreRefusedNamingTheField() throws Exception {
        String[][] cases = {
            {"e.state['x'] = float('inf')", "e.state.x is float('inf')"},
            {"e.send(e.id, 'n', {'v': [math.nan]})", "message content.v[0] is float('nan')"},
            {"e.send(e.id, 'n', math.sqrt(2) * 1e308 * 2)", "message content is float('inf')"},
            {"e.spawn('s', {'v': -1e308 * 10})", "the new entity's state.v is float('-inf')"}};
        for (String[] c : cases) {
            World w = world("inf", 1, "import math\ndef update(e, inbox):\n    " + c[0] + "\n");
            SimulationException e = catchThrowableOfType(SimulationException.class, () -> w.advance(1));
            assertThat(e).as(c[0]).isNotNull();
            assertThat(e.cause()).contains(c[1], "store a finite number, or None");
            assertThat(e.entity()).isEqualTo("s-1");
        }
    }

    @Test
    void anIntegerBeyond64BitsFromTheHostArrivesAsAFloatAsInLuaAndJavaScript() throws Exception {
        World w = world("host", 1, """
                def update(e, inbox):
                    if "huge" in e.state:
                        e.state["kinds"] = [type(e.state["huge"]).__name__, type(e.state["max"]).__name__]
                """);
        w.setEntityState("s-1", (ObjectNode) WorldFiles.parse(
                "{\"huge\": 123456789012345678901234567890, \"max\": 9223372036854775807}", true, "state"));
        w.advance(1);
        ObjectNode s = w.entityState("s-1").orElseThrow();
        assertThat(s.get("kinds").toString()).isEqualTo("[\"float\",\"int\"]");
        assertThat(s.get("huge").doubleValue()).isEqualTo(1.2345678901234568e29);
        assertThat(s.get("max").toString()).isEqualTo("9223372036854775807");
    }

    @Test
    void anAttributeTheEntityLacksSaysTheNearestMemberAndWhereOwnDataGoes() throws Exception {
        String read = catchThrowableOfType(SimulationException.class, () -> world("misspelt", 1,
                "def update(e, inbox):\n    e.sned('s-2', 'hi', 1)\n").advance(1)).getMessage();
        assertThat(read).contains("'Entity' object has no attribute 'sned' (did you mean e.send? the entity has no "
                + "'sned'; it has at, broadcast, degree, destroy, ", "; keep data of your own in e.state)");
        String written = catchThrowableOfType(SimulationException.class, () -> world("own", 1,
                "def update(e, inbox):\n    e.energy = 3\n").advance(1)).getMessage();
        assertThat(written).contains("(the entity has no 'energy'", "keep data of your own in e.state)");
    }
}
