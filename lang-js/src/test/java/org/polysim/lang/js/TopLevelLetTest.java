package org.polysim.lang.js;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The scanner finds exactly the top-level {@code let}s, whatever surrounds them, and nothing when in doubt. */
class TopLevelLetTest {

    private static String rewritten(String code) {
        String out = TopLevelLet.rewrite(code);
        assertThat(out).hasSameSizeAs(code); // lines and columns stay the author's
        return out;
    }

    @Test
    void topLevelLetsBecomeVarsAndNothingElseChanges() {
        assertThat(rewritten("let a = 1; let [b, c] = [2, 3]\nlet {d} = {d: 4};"))
                .isEqualTo("var a = 1; var [b, c] = [2, 3]\nvar {d} = {d: 4};");
        assertThat(rewritten("let a = b / c; let d = x++ / 2; let e = (1) / 2 / 3;"))
                .isEqualTo("var a = b / c; var d = x++ / 2; var e = (1) / 2 / 3;");
    }

    @Test
    void letsInsideFunctionsBlocksLoopsAndLiteralsStay() {
        String code = """
                function f() { let a = 1; return a; }
                for (let i = 0; i < 2; i++) { let j = i; }
                { let k = 1; }
                const s = "let { (", t = 'let', u = `let ${ {let: 1}.let } let`, r = /let[{(]/g, o = {let: 1};
                // let x = 1; {
                /* let y = 1; ( */
                let z = o.let + s.length;
                """;
        assertThat(rewritten(code)).isEqualTo(code.replace("let z", "var z"));
    }

    @Test
    void aScriptThatDoesNotScanIsLeftAsWritten() {
        for (String code : new String[] {"let a = (1;", "let a = 1; }", "let s = 'open", "let t = `open",
                "let r = /open", "/* open let a"}) {
            assertThat(rewritten(code)).as(code).isEqualTo(code);
        }
    }
}
