package org.polysim.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The response budget's last net: whatever the shape, the cut fits and says what it cut. */
class FitTest {

    private static final int BUDGET = 4000;

    @Test
    void whatFitsIsReturnedUntouched() {
        ObjectNode small = Json.object().put("cash", 7);
        assertThat(Fit.fit(small, BUDGET)).isSameAs(small);
    }

    @Test
    void aLongListKeepsItsFirstItemsAndCountsTheRest() {
        ObjectNode state = Json.object().put("cash", 7);
        IntStream.range(0, 10_000).forEach(state.putArray("memory")::add);
        JsonNode cut = Fit.fit(state, BUDGET);
        assertThat(Fit.size(cut)).isLessThanOrEqualTo(BUDGET);
        assertThat(cut.get("cash").intValue()).isEqualTo(7); // small fields stay whole
        JsonNode memory = cut.get("memory");
        assertThat(memory.get(0).intValue()).isZero();
        assertThat(memory.get(memory.size() - 1).stringValue()).startsWith(Fit.CUT).endsWith("more items of 10000");
    }

    @Test
    void longStringsManyFieldsAndDeepNestingAllFit() {
        ObjectNode wide = Json.object();
        IntStream.range(0, 5000).forEach(i -> wide.put("field" + i, i));
        ObjectNode deep = Json.object();
        ObjectNode at = deep;
        for (int i = 0; i < 50; i++) {
            at = at.putObject("level" + i);
            at.put("text", "y".repeat(500));
        }
        for (JsonNode v : new JsonNode[] {Json.F.stringNode("x".repeat(100_000)), wide, deep}) {
            JsonNode cut = Fit.fit(v, BUDGET);
            assertThat(Fit.size(cut)).as(v.getNodeType().toString()).isLessThanOrEqualTo(BUDGET);
            assertThat(Json.compact(cut)).contains(Fit.CUT);
        }
        assertThat(Fit.fit(wide, BUDGET).get(Fit.CUT).stringValue()).endsWith("more fields of 5000");
    }
}
