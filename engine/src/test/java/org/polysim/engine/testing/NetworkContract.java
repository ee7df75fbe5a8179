package org.polysim.engine.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.polysim.engine.SimulationException;
import org.polysim.engine.World;
import org.polysim.engine.WorldFiles;
import org.polysim.engine.spi.InboxMessage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The network and broadcast API (DESIGN.md "Networks and broadcasts"), the same in every language: each language
 * module passes it with a subclass giving these behaviours in its language, and every run is compared with their
 * Java twins below.
 * <ul>
 *   <li>{@code node}: every tick sets {@code state.n = neighbors()}, {@code state.d = degree()}, {@code state.l =
 *       links()} and appends {@code from .. ":" .. kind} of each inbox message to {@code state.heard} (a list); at
 *       time 1, when its id is {@code params.linker}: {@code state.made = link(params.target, 2.5)}, {@code
 *       state.again = link(params.target)}, {@code state.cut = unlink(params.cut)}, {@code state.sent =
 *       broadcast("hello", {n: 1})}, {@code state.n2 = neighbors()}; when {@code time == params.fail_at}, raises
 *       an error "boom".</li>
 *   <li>{@code caster}: at time 1 {@code broadcast("ping", {r: 1}, {radius: 3})}; at time 2
 *       {@code destroy(params.victim)}; then, when {@code time == params.caster_fails}, raises an error "boom".</li>
 * </ul>
 */
public abstract class NetworkContract {

    private final String language;
    private final Map<String, String> sources;

    protected NetworkContract(String language, Map<String, String> sources) {
        this.language = language;
        this.sources = sources;
    }

    static {
        JavaTestLanguage.register("net-node", e -> {
            ObjectNode s = e.state().deepCopy();
            s.set("n", strings(e.neighbors()));
            s.put("d", e.degree());
            s.set("l", e.links().deepCopy());
            var heard = s.has("heard") ? (tools.jackson.databind.node.ArrayNode) s.get("heard")
                    : s.putArray("heard");
            for (InboxMessage m : e.inbox()) {
                heard.add(m.from() + ":" + m.kind());
            }
            if (e.time() == 1 && e.id().equals(e.params().path("linker").asString())) {
                s.put("made", e.link(e.params().path("target").asString(), 2.5));
                s.put("again", e.link(e.params().path("target").asString(), null));
                s.put("cut", e.unlink(e.params().path("cut").asString()));
                s.put("sent", e.broadcast("hello", JsonNodeFactory.instance.objectNode().put("n", 1), null));
                s.set("n2", strings(e.neighbors()));
            }
            e.setState(s);
            if (e.time() == e.params().path("fail_at").asDouble()) {
                throw new IllegalStateException("boom");
            }
        });
        JavaTestLanguage.register("net-caster", e -> {
            if (e.time() == 1) {
                e.broadcast("ping", JsonNodeFactory.instance.objectNode().put("r", 1),
                        JsonNodeFactory.instance.objectNode().put("radius", 3));
            }
            if (e.time() == 2) {
                e.destroy(e.params().path("victim").asString());
            }
            if (e.time() == e.params().path("caster_fails").asDouble()) {
                throw new IllegalStateException("boom");
            }
        });
    }

    private static JsonNode strings(java.util.List<String> ids) {
        var a = JsonNodeFactory.instance.arrayNode();
        ids.forEach(a::add);
        return a;
    }

    /** The contract world, its scripts in {@code lang} ({@code java-test}: the twins). */
    private World world(String lang, int failAt) throws SimulationException {
        return world(lang, failAt, -1);
    }

    private World world(String lang, int failAt, int casterFails) throws SimulationException {
        StringBuilder yaml = new StringBuilder("""
                name: network-contract
                seed: 3
                params: { linker: a, target: c, cut: d, victim: b, fail_at: %d, caster_fails: %d }
                space: { kind: continuous, width: 10, height: 10 }
                network: { edges: [[a, b], [b, c, 0.5], [c, d], [a, d]] }
                entities:
                  - { id: a, script: node, at: [1, 1] }
                  - { id: b, script: node, at: [2, 1] }
                  - { id: c, script: node, at: [5, 5] }
                  - { id: d, script: node, at: [9, 9] }
                  - { id: x, script: caster, at: [1, 2] }
                scripts:
                """.formatted(failAt, casterFails));
        return ContractWorlds.world(yaml.toString(), lang, language, sources, "net-",
                java.util.List.of("node", "caster"));
    }

    /** A snapshot's entities (states compared by numeric value) and network, without the scripts' text. */
    private static JsonNode outcome(World w) {
        return ContractWorlds.outcome(w, "entities", "network");
    }

    @Test
    void linksBroadcastsAndDestroysAgreeWithTheJavaTwin() throws Exception {
        World w = world(language, -1);
        World twin = world("java-test", -1);
        w.advance(3);
        twin.advance(3);
        assertThat(outcome(w)).isEqualTo(outcome(twin));
    }

    @Test
    void theApiDoesWhatItSays() throws Exception {
        World w = world(language, -1);
        w.advance(1);
        ObjectNode a = w.entityState("a").orElseThrow();
        assertThat(a.get("n").toString()).as("neighbours in creation order").isEqualTo("[\"b\",\"d\"]");
        assertThat(a.path("d").asInt()).isEqualTo(2);
        assertThat(a.get("l").toString()).isEqualTo("[{\"id\":\"b\",\"weight\":1},{\"id\":\"d\",\"weight\":1}]");
        assertThat(a.path("made").asBoolean()).isTrue();
        assertThat(a.path("again").asBoolean()).as("linked already").isFalse();
        assertThat(a.path("cut").asBoolean()).isTrue();
        assertThat(a.path("sent").asInt()).as("to b and c").isEqualTo(2);
        assertThat(a.get("n2").toString()).isEqualTo("[\"b\",\"c\"]");
        // links are made now: c, updated after a, sees its new link with its weight
        ObjectNode c = w.entityState("c").orElseThrow();
        assertThat(c.get("n").toString()).isEqualTo("[\"a\",\"b\",\"d\"]");
        assertThat(c.get("l").get(0).path("weight").asDouble()).isEqualTo(2.5);
        assertThat(c.get("l").get(1).path("weight").asDouble()).isEqualTo(0.5);
        assertThat(w.entityState("d").orElseThrow().get("n").toString()).isEqualTo("[\"c\"]");

        w.advance(1);
        // the neighbours a broadcast to at time 1 hear it at time 2; the ping reaches whoever is within 3 of x
        assertThat(w.entityState("a").orElseThrow().get("heard").toString()).isEqualTo("[\"x:ping\"]");
        assertThat(w.entityState("c").orElseThrow().get("heard").toString()).isEqualTo("[\"a:hello\"]");
        assertThat(w.entityState("d").orElseThrow().get("heard").size()).isZero();
        // b was destroyed at time 2 by x (after b's update, which heard both): its links went with it
        assertThat(w.entityIds(null)).doesNotContain("b");
        w.advance(1);
        assertThat(w.entityState("a").orElseThrow().get("n").toString()).isEqualTo("[\"c\"]");
        assertThat(w.entityState("c").orElseThrow().get("n").toString()).isEqualTo("[\"a\",\"d\"]");
        assertThat(w.snapshot().get("network").get("edges").toString())
                .isEqualTo("[[\"a\",\"c\",2.5],[\"c\",\"d\"]]");
    }

    @Test
    void aFailedTickPutsTheLinksBack() throws Exception {
        World w = world(language, 1);
        String before = WorldFiles.toJson(w.snapshot());
        SimulationException e = catchThrowableOfType(SimulationException.class, () -> w.advance(1));
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("boom");
        assertThat(WorldFiles.toJson(w.snapshot())).isEqualTo(before);
    }

    @Test
    void aFailedTickPutsTheDeadWithTheirLinksAndTheBroadcastsInFlightBack() throws Exception {
        World w = world(language, -1, 2);
        w.advance(1);
        String before = WorldFiles.toJson(w.snapshot());
        assertThat(before).contains("\"within\"");
        // x destroys b (linked to a and c) at time 2, then fails: b, its links and the ping come back
        SimulationException e = catchThrowableOfType(SimulationException.class, () -> w.advance(1));
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("boom", "'x'");
        assertThat(WorldFiles.toJson(w.snapshot())).isEqualTo(before);
        assertThat(w.entityIds(null)).contains("b");
    }

    @Test
    void aSnapshotCarriesTheLinksAndABroadcastInFlight() throws Exception {
        World w = world(language, -1);
        w.advance(1);
        ObjectNode snap = w.snapshot();
        assertThat(snap.get("messages").toString()).contains("\"within\"");
        World back = World.create(snap, null, "again");
        w.advance(2);
        back.advance(2);
        assertThat(outcome(back)).isEqualTo(outcome(w));
    }
}
