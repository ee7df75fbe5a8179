package org.polysim.engine.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.polysim.engine.SimulationException;
import org.polysim.engine.World;
import org.polysim.engine.WorldFiles;
import org.polysim.engine.spi.EntityContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The space and layer API (DESIGN.md "The environment"), the same in every language: each language module passes
 * it with a subclass giving these behaviours in its language, and every run is compared with their Java twins
 * below, so the languages agree with each other, not just with a few hand-picked numbers.
 * <ul>
 *   <li>{@code grazer}: {@code taken = take("grass", 0.75)}; {@code ok = move(x + 1, y)}; adds 1 to
 *       {@code state.moves} when ok, else to {@code state.blocked}; adds taken to {@code state.taken}; sets
 *       {@code state.near = near(2)}, {@code state.here = at(x, y)}, {@code state.pos = [x, y]},
 *       {@code state.grass = layer("grass")}; puts 0.5 grass on cell [0, 0]; then, when {@code time ==
 *       params.fail_at}, raises an error "boom".</li>
 *   <li>{@code hunter}: at time 1 sets {@code state.ate = destroy(params.prey)}, {@code state.seen =
 *       look(params.friend)}, {@code state.around = nearby(2)} and {@code state.free = free()}.</li>
 *   <li>{@code breeder}: at time 1 sets {@code state.child = spawn("grazer", {moves: 0, blocked: 0, taken: 0},
 *       [2, 2])}; every tick sets {@code state.hx = x}.</li>
 * </ul>
 */
public abstract class SpaceContract {

    private final String language;
    private final Map<String, String> sources;

    protected SpaceContract(String language, Map<String, String> sources) {
        this.language = language;
        this.sources = sources;
    }

    static {
        JavaTestLanguage.register("space-grazer", e -> {
            double taken = e.take("grass", 0.75, null, null, null);
            double x = e.coordinate(0).doubleValue(), y = e.coordinate(1).doubleValue();
            boolean ok = e.move(x + 1, y, null);
            ObjectNode s = e.state().deepCopy();
            s.put(ok ? "moves" : "blocked", s.path(ok ? "moves" : "blocked").asDouble() + 1);
            s.put("taken", s.path("taken").asDouble() + taken);
            s.set("near", strings(e.near(2, null)));
            x = e.coordinate(0).doubleValue();
            y = e.coordinate(1).doubleValue();
            s.set("here", strings(e.at(x, y, null)));
            s.set("pos", JsonNodeFactory.instance.arrayNode().add((long) x).add((long) y));
            s.put("grass", e.layer("grass", null, null, null));
            e.put("grass", 0.5, 0.0, 0.0, null);
            e.setState(s);
            if (e.time() == e.params().path("fail_at").asDouble()) {
                throw new IllegalStateException("boom");
            }
        });
        JavaTestLanguage.register("space-hunter", e -> {
            if (e.time() == 1) {
                ObjectNode s = e.state().deepCopy();
                s.put("ate", e.destroy(e.params().path("prey").asString()));
                s.set("seen", e.look(e.params().path("friend").asString()));
                s.set("around", e.nearby(2, null).deepCopy());
                s.set("free", e.free());
                e.setState(s);
            }
        });
        JavaTestLanguage.register("space-breeder", (EntityContext e) -> {
            ObjectNode s = e.state().deepCopy();
            if (e.time() == 1) {
                ObjectNode child = JsonNodeFactory.instance.objectNode().put("moves", 0).put("blocked", 0)
                        .put("taken", 0);
                s.put("child", e.spawn("grazer", child, JsonNodeFactory.instance.arrayNode().add(2).add(2)));
            }
            s.put("hx", e.coordinate(0).longValue());
            e.setState(s);
        });
    }

    private static JsonNode strings(java.util.List<String> ids) {
        var a = JsonNodeFactory.instance.arrayNode();
        ids.forEach(a::add);
        return a;
    }

    /** The contract world, its scripts in {@code lang} ({@code java-test}: the twins). */
    private World world(String lang, int failAt) throws SimulationException {
        StringBuilder yaml = new StringBuilder("""
                name: space-contract
                seed: 5
                params: { prey: g3, friend: g1, fail_at: %d }
                space: { kind: grid, width: 5, height: 5, torus: true, capacity: 1 }
                layers: { grass: { initial: 1, max: 1, regrow: 0.25 } }
                entities:
                  - { id: g1, script: grazer, state: { moves: 0, blocked: 0, taken: 0 }, at: [0, 0] }
                  - { id: g2, script: grazer, state: { moves: 0, blocked: 0, taken: 0 }, at: [1, 0] }
                  - { id: g3, script: grazer, state: { moves: 0, blocked: 0, taken: 0 }, at: [4, 4] }
                  - { id: h1, script: hunter, at: [3, 3] }
                  - { id: h2, script: hunter, at: [3, 4] }
                  - { id: b, script: breeder, at: [2, 3] }
                scripts:
                """.formatted(failAt));
        return ContractWorlds.world(yaml.toString(), lang, language, sources, "space-",
                java.util.List.of("grazer", "hunter", "breeder"));
    }

    /** A snapshot's entities (states compared by numeric value) and layers, without the scripts' text. */
    private static JsonNode outcome(World w) {
        return ContractWorlds.outcome(w, "entities", "layers");
    }

    @Test
    void movesQueriesLayersAndDestroysAgreeWithTheJavaTwin() throws Exception {
        World w = world(language, -1);
        World twin = world("java-test", -1);
        w.advance(3);
        twin.advance(3);
        assertThat(outcome(w)).isEqualTo(outcome(twin));
    }

    @Test
    void theFirstTickDoesWhatTheApiSays() throws Exception {
        World w = world(language, -1);
        w.advance(1);
        ObjectNode g1 = w.entityState("g1").orElseThrow();
        assertThat(g1.path("blocked").asInt()).as("g2 holds [1, 0] at capacity 1").isEqualTo(1);
        assertThat(g1.get("pos").toString()).isEqualTo("[0,0]");
        assertThat(g1.get("here").toString()).isEqualTo("[\"g1\"]");
        // torus distances from [0, 0]: g2 and g3 one cell away, the rest two; ties in creation order
        assertThat(g1.get("near").toString()).isEqualTo("[\"g2\",\"g3\",\"h1\",\"h2\",\"b\"]");
        assertThat(g1.path("taken").asDouble()).isEqualTo(0.75);
        assertThat(w.entityState("g2").orElseThrow().get("pos").toString()).isEqualTo("[2,0]");
        // two hunters, one prey: only the first eats, and the prey is not updated after it died
        assertThat(w.entityState("h1").orElseThrow().path("ate").asBoolean()).isTrue();
        assertThat(w.entityState("h2").orElseThrow().path("ate").asBoolean()).isFalse();
        assertThat(w.entityIds("grazer")).containsExactly("g1", "g2", "grazer-1");
        JsonNode seen = w.entityState("h1").orElseThrow().get("seen");
        assertThat(seen.path("id").asString()).isEqualTo("g1");
        assertThat(seen.path("x").asInt()).isZero();
        assertThat(seen.path("state").path("blocked").asInt()).isEqualTo(1);
        assertThat(w.entityState("h1").orElseThrow().get("free").size()).isEqualTo(2);
        // nearby: what look gives of each entity near gives, in its order (torus distance 1 from h2 at [3, 4], then
        // 2; ties in creation order), states as they are now: h1's with what it did earlier in this tick
        JsonNode around = w.entityState("h2").orElseThrow().get("around");
        java.util.List<String> aroundIds = new java.util.ArrayList<>();
        around.forEach(o -> aroundIds.add(o.path("id").asString()));
        assertThat(aroundIds).containsExactly("g2", "h1", "b", "g1");
        assertThat(around.get(1).path("state").path("ate").asBoolean()).isTrue();
        assertThat(around.get(1).path("x").asInt()).isEqualTo(3);
        assertThat(around.get(3)).isEqualTo(seen);
        assertThat(w.entityState("b").orElseThrow().path("child").asString()).isEqualTo("grazer-1");
        assertThat(w.positions()).filteredOn(p -> p.id().equals("grazer-1"))
                .singleElement().satisfies(p -> assertThat(new double[] {p.x(), p.y()}).containsExactly(2, 2));
        // [0, 0]: 1 - 0.75 taken + 0.5 put (twice, g2 and g1 put there; capped at max 1), then regrows to max
        double[] grass = w.layerValues("grass");
        assertThat(grass[0]).isEqualTo(1.0);
        assertThat(grass[1]).as("[1, 0]: g2 took 0.75, regrew 0.25").isEqualTo(0.5);
    }

    @Test
    void aFailedTickPutsPositionsLayersAndTheDeadBack() throws Exception {
        World w = world(language, 2);
        w.advance(1);
        String before = WorldFiles.toJson(w.snapshot());
        SimulationException e = catchThrowableOfType(SimulationException.class, () -> w.advance(1));
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("boom");
        assertThat(WorldFiles.toJson(w.snapshot())).isEqualTo(before);
    }
}
