package org.polysim.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The response budget's last net: whatever the shape, the cut fits, keeps every value's type and says what it cut. */
class FitTest {

    private static final int BUDGET = 4000;

    @Test
    void whatFitsIsReturnedUntouched() {
        ObjectNode small = Json.object().put("cash", 7);
        Fit.Fitted fitted = Fit.fit(small, BUDGET);
        assertThat(fitted.value()).isSameAs(small);
        assertThat(fitted.places()).isEmpty();
    }

    @Test
    void aLongListKeepsItsFirstItemsAndCountsThemAll() {
        ObjectNode state = Json.object().put("cash", 7);
        IntStream.range(0, 10_000).forEach(state.putArray("memory")::add);
        Fit.Fitted fitted = Fit.fit(state, BUDGET);
        JsonNode cut = fitted.value();
        assertThat(Fit.size(cut)).isLessThanOrEqualTo(BUDGET);
        assertThat(cut.get("cash").intValue()).isEqualTo(7); // small fields stay whole
        JsonNode memory = cut.get("memory");
        assertThat(memory.valueStream()).isNotEmpty().allMatch(JsonNode::isInt); // no note among the numbers
        assertThat(memory.get(memory.size() - 1).intValue()).isEqualTo(memory.size() - 1);
        assertThat(fitted.places()).containsExactly(new Fit.Place("/memory", memory.size(), 10_000, "items"));
    }

    @Test
    void longStringsManyFieldsAndDeepNestingAllFitAndKeepTheirTypes() {
        ObjectNode wide = Json.object();
        IntStream.range(0, 5000).forEach(i -> wide.put("field" + i, i));
        ObjectNode deep = Json.object();
        ObjectNode at = deep;
        for (int i = 0; i < 50; i++) {
            at = at.putObject("level/" + i);
            at.put("text", "y".repeat(500));
        }
        for (JsonNode v : new JsonNode[] {Json.F.stringNode("x".repeat(100_000)), wide, deep}) {
            Fit.Fitted fitted = Fit.fit(v, BUDGET);
            assertThat(Fit.size(fitted.value())).as(v.getNodeType().toString()).isLessThanOrEqualTo(BUDGET);
            assertThat(fitted.value().getNodeType()).isEqualTo(v.getNodeType());
            assertThat(fitted.places()).isNotEmpty();
        }
        assertThat(Fit.fit(Json.F.stringNode("x".repeat(100_000)), BUDGET).value().stringValue())
                .startsWith("xxx").endsWith("more characters");
        Fit.Fitted fields = Fit.fit(wide, BUDGET);
        assertThat(fields.value().propertyNames()).allMatch(n -> n.startsWith("field"));
        assertThat(fields.places()).containsExactly(new Fit.Place("", fields.value().size(), 5000, "fields"));
        assertThat(Fit.fit(deep, BUDGET).places()).allMatch(p -> p.path().startsWith("/level~10/"));
    }

    @Test
    void aBudgetTooSmallForAnyCutLeavesAnEmptyValueOfTheSameType() {
        ObjectNode state = Json.object().put("name", "n".repeat(500));
        Fit.Fitted fitted = Fit.fit(state, 10);
        assertThat(fitted.value()).isEqualTo(Json.object());
        assertThat(fitted.places()).containsExactly(new Fit.Place("", 0, 1, "fields"));
    }
}
