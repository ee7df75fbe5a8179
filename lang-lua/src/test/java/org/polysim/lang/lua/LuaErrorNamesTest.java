package org.polysim.lang.lua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.polysim.engine.SimulationException;
import org.polysim.engine.World;

/** A runtime error names the variable that held the bad value, in Lua's words, on the failing line. */
class LuaErrorNamesTest {

    /** The failure of one tick of an update whose body is {@code body} (line 3 after a one-line top level). */
    private static SimulationException failure(String topLevel, String body) throws Exception {
        World w = LuaWorlds.of("names", topLevel + "\nfunction update(e, inbox)\n" + body + "\nend\n", 1, null);
        return catchThrowableOfType(SimulationException.class, () -> w.advance(1));
    }

    private static void assertFails(SimulationException e, String cause, int line) {
        assertThat(e).as("the tick fails").isNotNull();
        assertThat(e.cause()).isEqualTo(cause);
        assertThat(e.line()).isEqualTo(line);
        assertThat(e.getMessage()).contains("line " + line + ") failed: " + cause);
    }

    @Test
    void aMissingFieldInArithmeticIsNamed() throws Exception {
        assertFails(failure("", "local pay = 1\ne.state.pay = e.state.wage * 2"),
                "attempt to perform arithmetic on a nil value (field 'wage')", 4);
    }

    @ParameterizedTest
    @ValueSource(strings = {"+", "-", "*", "/", "%", "^"})
    void everyArithmeticOperatorNamesItsNilOperand(String op) throws Exception {
        assertFails(failure("", "e.state.r = 3 " + op + " e.state.wage"),
                "attempt to perform arithmetic on a nil value (field 'wage')", 3);
    }

    @Test
    void unaryMinusNamesItsOperand() throws Exception {
        assertFails(failure("", "e.state.r = -e.state.debt"),
                "attempt to perform arithmetic on a nil value (field 'debt')", 3);
    }

    @Test
    void aNilLocalIsNamed() throws Exception {
        assertFails(failure("", "local x\ne.state.r = x + 1"),
                "attempt to perform arithmetic on a nil value (local 'x')", 4);
    }

    @Test
    void aNilGlobalIsNamed() throws Exception {
        assertFails(failure("", "e.state.r = rate * 2"),
                "attempt to perform arithmetic on a nil value (global 'rate')", 3);
    }

    @Test
    void aNilUpvalueIsNamed() throws Exception {
        assertFails(failure("local n", "e.state.r = n / 2"),
                "attempt to perform arithmetic on a nil value (upvalue 'n')", 3);
    }

    @Test
    void aTableInArithmeticIsNamedWithItsType() throws Exception {
        assertFails(failure("", "local label = {}\ne.state.r = 1 + label"),
                "attempt to perform arithmetic on a table value (local 'label')", 4);
    }

    @Test
    void concatenationNamesItsNilOperand() throws Exception {
        assertFails(failure("", "e.state.s = \"pay \" .. e.state.wage .. \" coins\""),
                "attempt to concatenate a nil value (field 'wage')", 3);
    }

    @Test
    void comparisonNamesItsNilOperand() throws Exception {
        assertFails(failure("", "if e.state.wage < 10 then e.state.poor = true end"),
                "attempt to compare nil with number (field 'wage')", 3);
    }

    @Test
    void callingANilFieldIsNamed() throws Exception {
        assertFails(failure("", "e.state.f()"), "attempt to call a nil value (field 'f')", 3);
    }

    @Test
    void callingAMissingMethodIsNamed() throws Exception {
        assertFails(failure("", "e:shout(1)"), "attempt to call a nil value (method 'shout')", 3);
    }

    @Test
    void callingANilGlobalIsNamed() throws Exception {
        assertFails(failure("", "helper(e)"), "attempt to call a nil value (global 'helper')", 3);
    }

    @Test
    void indexingANilFieldIsNamed() throws Exception {
        assertFails(failure("", "local b = e.state.a.b"), "attempt to index a nil value (field 'a')", 3);
    }

    @Test
    void theLengthOfANilFieldIsNamed() throws Exception {
        assertFails(failure("", "e.state.n = #e.state.list"), "attempt to get length of a nil value (field 'list')", 3);
    }

    @Test
    void anErrorInAFunctionCalledFromUpdateNamesItsOwnVariable() throws Exception {
        assertFails(failure("local function pay(s)\n  return s.wage * 2\nend", "e.state.r = pay(e.state)"),
                "attempt to perform arithmetic on a nil value (field 'wage')", 2);
    }

    @Test
    void aValueWithoutANameKeepsLuajsMessage() throws Exception {
        assertFails(failure("", "local list = {}\ne.state.r = list[e.time] + 1"),
                "attempt to perform arithmetic __add on nil and number", 4);
    }

    @Test
    void aNilUpvalueIndexedIsNamed() throws Exception {
        assertFails(failure("local config", "e.state.r = config.rate"),
                "attempt to index a nil value (upvalue 'config')", 3);
    }

    @Test
    void assigningIntoANilFieldIsNamed() throws Exception {
        assertFails(failure("", "e.state.a.b = 1"), "attempt to index a nil value (field 'a')", 3);
    }

    @Test
    void assigningIntoANilUpvalueIsNamed() throws Exception {
        assertFails(failure("local config", "config.rate = 1"), "attempt to index a nil value (upvalue 'config')", 3);
    }

    @Test
    void errorWithoutAMessageSaysSoOnItsLine() throws Exception {
        assertFails(failure("", "local x = 1\nerror()"), "(error object is a nil value)", 4);
    }

    @Test
    void pcallSeesTheNamedMessage() throws Exception {
        World w = LuaWorlds.of("pcall", """
                function update(e, inbox)
                  local ok, err = pcall(function() return e.state.wage * 2 end)
                  e.state.err = err
                end
                """, 1, null);
        w.advance(1);
        assertThat(w.entityState("s-1").orElseThrow().path("err").asString())
                .isEqualTo("s:2 attempt to perform arithmetic on a nil value (field 'wage')");
    }

    @Test
    void anXpcallHandlerGetsTheNamedMessage() throws Exception {
        World w = LuaWorlds.of("xpcall", """
                function update(e, inbox)
                  local ok, err = xpcall(function() return e.state.wage * 2 end, function(m) return "seen: " .. m end)
                  e.state.err = err
                  e.state.after = select(2, pcall(function() return e.state.rate + 1 end))
                end
                """, 1, null);
        w.advance(1);
        assertThat(w.entityState("s-1").orElseThrow().path("err").asString())
                .isEqualTo("seen: s:2 attempt to perform arithmetic on a nil value (field 'wage')");
        assertThat(w.entityState("s-1").orElseThrow().path("after").asString())
                .isEqualTo("s:4 attempt to perform arithmetic on a nil value (field 'rate')");
    }

    @Test
    void callingAMethodOnANilFieldNamesTheField() throws Exception {
        assertFails(failure("", "e.state.account:deposit(5)"), "attempt to index a nil value (field 'account')", 3);
    }

    @Test
    void anErrorRaisedByTheScriptIsLeftAsWritten() throws Exception {
        assertFails(failure("", "error(\"attempt to call nil\")"), "attempt to call nil", 3);
    }
}
