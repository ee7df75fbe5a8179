package org.polysim.lang.js;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * Turns a script's top-level {@code let} declarations into {@code var} ones. A top-level {@code let} is a binding of
 * the global scope, not a property of the global object, so freezing the global object after the top level ran does
 * not stop {@code update} from reassigning it, and every entity of the script would silently share it. As a
 * {@code var} it is a property, read-only once frozen, so reassigning it inside init/update is the same error as for
 * any other global, while the top level may still assign it. {@code let} and {@code var} have the same length, so
 * lines and columns in error messages stay the author's.
 *
 * <p>A small scanner, not a parser: it skips comments, strings, template literals and regular expressions (told from
 * division by the token before, as JavaScript tokenizers do) and counts brackets, and rewrites a {@code let} only at
 * bracket depth 0 (scripts run in strict mode, where {@code let} is always a declaration). If the brackets do not
 * balance it rewrites nothing, leaving the script as written (and GraalJS to report the syntax error).
 */
final class TopLevelLet {

    /** Words after which a {@code /} starts a regular expression rather than a division. */
    private static final Set<String> BEFORE_EXPRESSION = Set.of("return", "typeof", "instanceof", "in", "of", "new",
            "delete", "void", "throw", "case", "do", "else", "yield", "await", "extends");

    private TopLevelLet() {}

    static String rewrite(String code) {
        List<Integer> at = find(code);
        if (at.isEmpty()) {
            return code;
        }
        StringBuilder s = new StringBuilder(code);
        for (int i : at) {
            s.replace(i, i + 3, "var");
        }
        return s.toString();
    }

    /** Offsets of the top-level {@code let} keywords; none when the script does not scan cleanly. */
    static List<Integer> find(String s) {
        List<Integer> found = new ArrayList<>();
        Deque<Boolean> open = new ArrayDeque<>(); // per open bracket: whether it is a template's ${
        boolean regexMayFollow = true;
        boolean afterDot = false;
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            char next = i + 1 < n ? s.charAt(i + 1) : 0;
            if (Character.isWhitespace(c) || c == '\u00a0' || c == '\ufeff') {
                i++;
            } else if (c == '/' && next == '/') {
                while (i < n && s.charAt(i) != '\n' && s.charAt(i) != '\r') {
                    i++;
                }
            } else if (c == '/' && next == '*') {
                int end = s.indexOf("*/", i + 2);
                if (end < 0) {
                    return List.of();
                }
                i = end + 2;
            } else if (c == '\'' || c == '"') {
                i = string(s, i + 1, c);
                regexMayFollow = false;
                afterDot = false;
            } else if (c == '`' || (c == '}' && Boolean.TRUE.equals(open.peek()))) {
                if (c == '}') {
                    open.pop();
                }
                i = template(s, i + 1);
                if (i > 0 && s.charAt(i - 1) == '{') {
                    open.push(true); // inside ${ ... }: code until the matching }
                    regexMayFollow = true;
                } else {
                    regexMayFollow = false;
                }
                afterDot = false;
            } else if (c == '/') {
                i = regexMayFollow ? regex(s, i + 1) : i + 1;
                regexMayFollow = !regexMayFollow;
                afterDot = false;
            } else if (Character.isJavaIdentifierStart(c) || c == '\\') {
                int start = i;
                i++;
                while (i < n && (Character.isJavaIdentifierPart(s.charAt(i)) || s.charAt(i) == '\\')) {
                    i++;
                }
                String word = s.substring(start, i);
                if (word.equals("let") && open.isEmpty() && !afterDot) {
                    found.add(start);
                }
                regexMayFollow = !afterDot && BEFORE_EXPRESSION.contains(word);
                afterDot = false;
            } else if (Character.isDigit(c) || (c == '.' && Character.isDigit(next))) {
                while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '.'
                        || s.charAt(i) == '_')) {
                    i++;
                }
                regexMayFollow = false;
                afterDot = false;
            } else if ((c == '+' || c == '-') && next == c) {
                i += 2;
                regexMayFollow = false; // x++ / 2: nothing can increment a regular expression
                afterDot = false;
            } else {
                if (c == '(' || c == '[' || c == '{') {
                    open.push(false);
                } else if (c == ')' || c == ']' || c == '}') {
                    if (open.isEmpty()) {
                        return List.of();
                    }
                    open.pop();
                }
                // after ) or ] a / divides; after } it may start a statement (a block ended), so a regex
                regexMayFollow = c != ')' && c != ']';
                afterDot = c == '.';
                i++;
            }
            if (i < 0) {
                return List.of(); // an unterminated string, template or regular expression
            }
        }
        return open.isEmpty() ? found : List.of();
    }

    /** After a string's closing quote, or -1. */
    private static int string(String s, int i, char quote) {
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == quote) {
                return i + 1;
            } else if (c == '\n' || c == '\r') {
                return -1;
            } else {
                i++;
            }
        }
        return -1;
    }

    /** After a template's closing backtick or after its next {@code ${}, or -1. */
    private static int template(String s, int i) {
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '`') {
                return i + 1;
            } else if (c == '$' && i + 1 < s.length() && s.charAt(i + 1) == '{') {
                return i + 2;
            } else {
                i++;
            }
        }
        return -1;
    }

    /** After a regular expression's closing slash and flags, or -1. */
    private static int regex(String s, int i) {
        boolean inClass = false;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == '\n' || c == '\r') {
                return -1;
            }
            i++;
            if (c == '[') {
                inClass = true;
            } else if (c == ']') {
                inClass = false;
            } else if (c == '/' && !inClass) {
                while (i < s.length() && Character.isJavaIdentifierPart(s.charAt(i))) {
                    i++;
                }
                return i;
            }
        }
        return -1;
    }
}
