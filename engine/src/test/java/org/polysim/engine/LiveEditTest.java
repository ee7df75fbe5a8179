package org.polysim.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.polysim.engine.Worlds.behaviour;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

/** Changing a live world between ticks: entities, scripts, and the delivered-message history. */
class LiveEditTest {

    static {
        behaviour("greeter", new org.polysim.engine.testing.JavaTestLanguage.Behaviour() {
            @Override
            public void init(org.polysim.engine.spi.EntityContext e) {
                e.send("listener", "hello", JsonNodeFactory.instance.stringNode(e.id()), null);
                e.metric("greeters", 1);
            }

            @Override
            public void update(org.polysim.engine.spi.EntityContext e) {
                e.metric("greeters", 1);
            }
        });
        behaviour("listener", e -> e.metric("heard", e.inbox().size()));
        behaviour("quiet", e -> e.metric("quiet", 1));
    }

    private static World world() throws Exception {
        return Worlds.yaml("""
                name: live
                scripts:
                  greeter: { language: java-test, source: greeter }
                  listener: { language: java-test, source: listener }
                entities:
                  - { id: listener, script: listener }
                """);
    }

    @Test
    void anAddedEntityRunsInitNowAndJoinsTheNextTick() throws Exception {
        World w = world();
        w.advance(2);
        String id = w.addEntity("greeter", null, null);
        assertThat(id).isEqualTo("greeter-1");
        assertThat(w.metric("greeters").orElseThrow().times()).containsExactly(2); // init, recorded at the current time
        assertThat(w.pendingMessages()).isEqualTo(1);
        w.advance(1);
        assertThat(w.metric("heard").orElseThrow().last()).isEqualTo(1);
        assertThat(w.metric("greeters").orElseThrow().values()).containsExactly(1, 1);
        assertThat(w.deliveredMessages(null, 0, 10)).singleElement()
                .satisfies(m -> assertThat(m.content().stringValue()).isEqualTo("greeter-1"));
        assertThat(w.deliveredMessages("someone-else", 0, 10)).isEmpty();
        assertThat(w.deliveredMessages(null, 4, 10)).isEmpty();
    }

    @Test
    void addingAnEntityChecksScriptAndId() throws Exception {
        World w = world();
        assertThatThrownBy(() -> w.addEntity("nope", null, null)).hasMessageContaining("no script 'nope'")
                .hasMessageContaining("greeter, listener");
        assertThatThrownBy(() -> w.addEntity("greeter", null, "listener")).hasMessageContaining("exists");
    }

    @Test
    void aRemovedEntityIsGoneAndItsMailIsDropped() throws Exception {
        World w = world();
        w.addEntity("greeter", null, "g");
        w.removeEntity("listener");
        w.advance(1);
        assertThat(w.entityIds(null)).containsExactly("g");
        assertThat(w.droppedMessages()).isEqualTo(1);
        assertThatThrownBy(() -> w.removeEntity("listener")).hasMessageContaining("no entity 'listener'")
                .hasMessageContaining("entities: g");
    }

    @Test
    void aNewScriptCanBeAddedAndUsed() throws Exception {
        World w = world();
        assertThatThrownBy(() -> w.putScript("quiet", null, "quiet")).hasMessageContaining("give its language");
        w.putScript("quiet", "java-test", "quiet");
        w.addEntity("quiet", null, null);
        w.advance(1);
        assertThat(w.metric("quiet").orElseThrow().last()).isEqualTo(1);
        SimulationException e = org.assertj.core.api.Assertions.catchThrowableOfType(SimulationException.class,
                () -> w.putScript("quiet", null, "no-such-behaviour"));
        assertThat(e.getMessage()).contains("does not compile", "not replaced");
        w.advance(1);
        assertThat(w.metric("quiet").orElseThrow().values()).containsExactly(1, 1);
    }
}
