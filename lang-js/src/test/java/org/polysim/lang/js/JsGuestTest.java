package org.polysim.lang.js;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.polysim.engine.SimulationException;
import org.polysim.engine.World;
import org.polysim.engine.WorldFiles;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * JavaScript-specific guarantees beyond the contract: seeded Math.random, no wall clock, the heap guard, numbers,
 * top-level bindings.
 */
class JsGuestTest {

    private static World world(String name, long seed, String source, String limits) throws SimulationException {
        return World.create(WorldFiles.parse("""
                name: %s
                seed: %d
                %s
                scripts:
                  s: { language: js, source: %s }
                entities: [ { script: s, count: 3 } ]
                """.formatted(name, seed, limits == null ? "" : "limits: " + limits,
                JsonNodeFactory.instance.stringNode(source)), false, "test"), null, null);
    }

    @Test
    void loggedObjectsReadAsJson() throws Exception {
        World w = world("log", 1, "function update(e, inbox) { e.log('seen', {x: 1}, [2, 3], null, 4.5); }", null);
        w.advance(1);
        assertThat(w.log("s-1", 1).getFirst().text()).isEqualTo("seen {\"x\":1} [2,3] null 4.5");
    }

    @Test
    void mathRandomIsTheEntityStreamAndDateIsTheEpoch() throws Exception {
        String source = "function update(e, inbox) { e.metric('r', Math.floor(Math.random() * 1000)); "
                + "e.metric('now', Date.now()); e.metric('year', new Date().getUTCFullYear()); }";
        World a = world("a", 1, source, null);
        World b = world("b", 1, source, null);
        World c = world("c", 2, source, null);
        for (World w : new World[] {a, b, c}) {
            w.advance(10);
        }
        assertThat(a.metric("r").orElseThrow().values()).containsExactly(b.metric("r").orElseThrow().values());
        assertThat(a.metric("r").orElseThrow().values()).isNotEqualTo(c.metric("r").orElseThrow().values());
        assertThat(a.metric("now").orElseThrow().max()).isZero();
        assertThat(a.metric("year").orElseThrow().last()).isEqualTo(3 * 1970);
    }

    @Test
    void aScriptThatFillsTheHeapIsStoppedAndTheWorldGoesOn() throws Exception {
        World w = world("hog", 1, """
                function update(e, inbox) {
                  if (e.state.hog) { const a = []; for (;;) a.push(new Float64Array(200000)); }
                  e.metric("ok", 1);
                }
                """, "{ wall_ms: 120000, instructions: 100000000, alloc_mb: 1000000 }");
        w.setEntityState("s-2", JsonNodeFactory.instance.objectNode().put("hog", true));
        SimulationException e = catchThrowableOfType(SimulationException.class, () -> w.advance(1));
        assertThat(e.kind()).isEqualTo("BUDGET");
        assertThat(e.cause()).contains("memory");
        assertThat(e.entity()).isEqualTo("s-2");
        w.setEntityState("s-2", JsonNodeFactory.instance.objectNode());
        w.advance(2);
        assertThat(w.metric("ok").orElseThrow().values()).containsExactly(3, 3);
    }

    @Test
    void theNextCallSeesTheStateAsJsonWouldMakeIt() throws Exception {
        // the guest keeps each state as an object between calls (not only as text): it must be what parsing the
        // state's text gives, whatever the script stored; s-1 stores values the guest copies itself, s-2 values
        // with a toJSON method or boxed, which it leaves to the parser
        World w = world("stored", 1, """
                function update(e, inbox) {
                  const s = e.state;
                  if (e.time === 1 && e.id === "s-1") {
                    Object.assign(s, {gone: undefined, nan: NaN, zero: -0, list: [undefined, () => 1, NaN],
                      map: new Map([[1, 2]]), "2": "int key", z: 1, a: 2});
                    Object.defineProperty(s, "__proto__", {value: {x: 1}, enumerable: true});
                  } else if (e.time === 1 && e.id === "s-2") {
                    Object.assign(s, {date: new Date(5), boxed: new Number(4), custom: {toJSON() { return "c"; }}});
                  } else if (e.time === 2) {
                    const seen = {keys: Object.keys(s).join(","), gone: "gone" in s, zeroIsPlus: Object.is(s.zero, 0),
                      list: s.list, map: JSON.stringify(s.map), proto: Object.getPrototypeOf(s) === Object.prototype
                      && s.__proto__.x, date: typeof s.date, boxed: typeof s.boxed, custom: s.custom};
                    for (const k of Object.keys(s)) delete s[k];
                    s.seen = seen;
                  }
                }
                """, null);
        w.advance(2);
        assertThat(w.entityState("s-1").orElseThrow().get("seen").toString()).isEqualTo("{\"keys\":"
                + "\"2,nan,zero,list,map,z,a,__proto__\",\"gone\":false,\"zeroIsPlus\":true,"
                + "\"list\":[null,null,null],\"map\":\"{}\",\"proto\":1,\"date\":\"undefined\","
                + "\"boxed\":\"undefined\"}");
        assertThat(w.entityState("s-2").orElseThrow().get("seen").toString()).isEqualTo("{\"keys\":"
                + "\"date,boxed,custom\",\"gone\":false,\"zeroIsPlus\":false,"
                + "\"date\":\"string\",\"boxed\":\"number\",\"custom\":\"c\"}");
    }

    @Test
    void numbersSentAsMessagesAreWhatJsonWouldMakeOfThem() throws Exception {
        // numbers travel without text (HostApi.sendNumber); the nodes must be the ones JSON text would give
        World w = world("sent", 1, """
                function update(e, inbox) {
                  if (e.id === "s-1" && e.time === 1)
                    for (const v of [2, 2.0, 4 / 2, 1.5, 2 ** 40, -0, NaN, Infinity]) e.send("s-2", "n", v);
                  for (const m of inbox) (e.state.got = e.state.got || []).push(m.content);
                }
                """, null);
        w.advance(2);
        assertThat(w.entityState("s-2").orElseThrow().get("got").toString())
                .isEqualTo("[2,2,2,1.5,1099511627776,0,null,null]");
    }

    @Test
    void updateAndInitDeclaredAsConstOrLetFunctionsRun() throws Exception {
        // not properties of the global object, unlike function declarations; they used to be skipped silently
        World w = world("arrows", 1, """
                const update = (e, inbox) => { e.state.n = (e.state.n || 0) + 1; };
                let init = function (e) { e.state.born = e.time; };
                """, null);
        w.advance(2);
        assertThat(w.entityState("s-3").orElseThrow().toString()).isEqualTo("{\"born\":0,\"n\":2}");
    }

    @Test
    void reassigningATopLevelLetInUpdateIsAnErrorNamingTheBindingAndLine() throws Exception {
        World w = world("counter", 1, """
                let count = 0;
                const step = 2;
                count = count + step; // the top level may assign it
                function bump() { count++; }
                bump(); // and so may what it calls
                function update(e, inbox) {
                  e.state.seen = count;
                  if (e.state.cheat) count++;
                }
                """, null);
        w.advance(1);
        assertThat(w.entityState("s-1").orElseThrow().path("seen").asInt()).isEqualTo(3);
        w.setEntityState("s-2", JsonNodeFactory.instance.objectNode().put("cheat", true));
        SimulationException e = catchThrowableOfType(SimulationException.class, () -> w.advance(1));
        assertThat(e).isNotNull();
        assertThat(e.entity()).isEqualTo("s-2");
        assertThat(e.line()).isEqualTo(8);
        assertThat(e.cause()).contains("'count'", "shared by every entity", "e.state.count");
        w.setEntityState("s-2", JsonNodeFactory.instance.objectNode());
        w.advance(1);
        assertThat(w.entityState("s-3").orElseThrow().path("seen").asInt()).isEqualTo(3);
    }

    @Test
    void letsInsideFunctionsBlocksAndLoopsKeepTheirScope() throws Exception {
        // only top-level let declarations change (to var); a let in a loop, block or function stays block-scoped
        World w = world("scopes", 1, """
                const fns = [];
                for (let i = 0; i < 3; i++) fns.push(() => i);
                { let hidden = 1; }
                const re = /[{(]let/g, t = `${"}"}let`; // let, with { in a regex and a template
                function update(e, inbox) {
                  let x = 1;
                  { let x = 2; }
                  e.state.v = [fns.map((f) => f()), x, t, re.source, typeof hidden];
                  x = 5;
                }
                """, null);
        w.advance(2);
        assertThat(w.entityState("s-1").orElseThrow().get("v").toString())
                .isEqualTo("[[0,1,2],1,\"}let\",\"[{(]let\",\"undefined\"]");
    }

    @Test
    void compileErrorsInAScriptWithTopLevelLetsShowItAsWritten() {
        SimulationException syntax = catchThrowableOfType(SimulationException.class, () -> world("syntax", 1,
                "let x = 1;\nlet y = = 2;\nfunction update(e, inbox) {}\n", null));
        assertThat(syntax.kind()).isEqualTo("COMPILE");
        assertThat(syntax.line()).isEqualTo(2);
        assertThat(syntax.cause()).contains("let y = = 2").doesNotContain("var");
        SimulationException twice = catchThrowableOfType(SimulationException.class, () -> world("twice", 1,
                "let x = 1;\nlet x = 2;\nfunction update(e, inbox) {}\n", null));
        assertThat(twice.kind()).isEqualTo("COMPILE");
        assertThat(twice.line()).isEqualTo(2);
    }

    @Test
    void aBigIntIsRefusedNamingTheFieldAndWhatToStore() throws Exception {
        // JSON has no BigInt and would bring one back as a Number: refused like a Python int beyond 64 bits
        String[][] cases = {
            {"e.state.big = {x: [1, 5n]}", "e.state.big.x[1] is a BigInt", "0"},
            {"e.send(e.id, 'n', 2n ** 70n)", "message content is a BigInt", "2"},
            {"e.spawn('s', {n: 10n})", "the new entity's state.n is a BigInt", "2"}};
        for (String[] c : cases) {
            World w = world("bigint", 1, "function update(e, inbox) {\n  " + c[0] + ";\n}\n", null);
            SimulationException e = catchThrowableOfType(SimulationException.class, () -> w.advance(1));
            assertThat(e).as(c[0]).isNotNull();
            assertThat(e.cause()).contains(c[1], "store Number(x)", "String(x)");
            assertThat(e.entity()).isEqualTo("s-1");
            assertThat(e.line()).isEqualTo(Integer.parseInt(c[2]));
            assertThat(w.tick()).isZero();
        }
    }

    @Test
    void aMemberTheEntityLacksOrAPositionCalledAsAFunctionSaysWhatToWrite() throws Exception {
        String misspelt = catchThrowableOfType(SimulationException.class, () -> world("misspelt", 1,
                "function update(e, inbox) { e.sned('s-2', 'hi', 1); }", null).advance(1)).getMessage();
        assertThat(misspelt).contains("e.sned is not a function (did you mean e.send? the entity has no 'sned'; it "
                + "has at, broadcast, degree, destroy, ", "; keep data of your own in e.state)");
        World placed = World.create(WorldFiles.parse("""
                name: placed
                space: { kind: grid, width: 5, height: 5 }
                scripts:
                  s: { language: js, source: "function update(e, inbox) { e.move(e.x() + 1, e.y); }" }
                entities: [ { script: s, at: [1, 1] } ]
                """, false, "test"), null, null);
        assertThat(catchThrowableOfType(SimulationException.class, () -> placed.advance(1)).getMessage())
                .contains("e.x is a number, the entity's position: write e.x, without parentheses");
    }
}
