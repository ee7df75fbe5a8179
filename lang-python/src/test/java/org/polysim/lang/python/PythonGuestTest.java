package org.polysim.lang.python;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.polysim.engine.SimulationException;
import org.polysim.engine.World;
import org.polysim.engine.WorldFiles;
import tools.jackson.databind.node.JsonNodeFactory;

/** Python-specific guarantees beyond the contract: the random module is seeded, no wall clock, types kept. */
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
                        for v in (2, 2.0, 1.5, 1 << 40, 1 << 70, True, -0.0):
                            e.send("s-2", "n", v)
                    for m in inbox:
                        e.state.setdefault("got", []).append(m["content"])
                """);
        w.advance(2);
        assertThat(w.entityState("s-2").orElseThrow().get("got").toString())
                .isEqualTo("[2,2.0,1.5,1099511627776,1180591620717411303424,true,-0.0]");
    }
}
