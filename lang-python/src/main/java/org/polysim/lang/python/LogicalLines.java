package org.polysim.lang.python;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A Python script's logical lines, split as CPython's tokenizer splits them: a statement continues over line breaks
 * inside brackets and triple-quoted strings and after a backslash; blank and comment-only lines are none.
 *
 * <p>GraalPy's parser places two common syntax errors one token late (its {@code RAISE_SYNTAX_ERROR} takes the
 * token after the last one read, where CPython takes the last one read): a header without its colon is reported on
 * the line after it, an unexpected indent at the first token the parser backtracked to, often line 1. These lines
 * let {@link PythonLanguage} name the line CPython names instead. A scanner, not a parser: enough to find
 * statements, indentation and colons, for a script that does not parse anyway.
 */
final class LogicalLines {

    /** The keywords a compound statement's header starts with, each ending in a colon. */
    private static final Set<String> HEADERS = Set.of("if", "elif", "else", "while", "for", "with", "def", "class",
            "try", "except", "finally", "async", "match", "case");

    /**
     * One logical line.
     *
     * @param first       physical line of its first token
     * @param column      1-based column of its first token
     * @param last        physical line it ends on (where CPython's NEWLINE token is)
     * @param indent      width of its indentation, tabs to the next multiple of 8 as CPython counts them
     * @param word        the name it starts with, or empty
     * @param hasColon    whether it has a colon outside brackets (not a walrus {@code :=})
     * @param opensBlock  whether its last token is a colon, so that the next line may be indented further
     */
    record Line(int first, int column, int last, int indent, String word, boolean hasColon, boolean opensBlock) {

        /** A compound statement's header without its colon. */
        boolean headerWithoutColon() {
            return HEADERS.contains(word) && !hasColon;
        }
    }

    private final String code;
    private final List<Line> lines = new ArrayList<>();
    private int at;
    private int lineNumber = 1;

    private LogicalLines(String code) {
        this.code = code;
    }

    static List<Line> of(String code) {
        LogicalLines scanner = new LogicalLines(code);
        scanner.scan();
        return scanner.lines;
    }

    /** The first line of the first statement indented further than the one before without a colon ending it. */
    static int unexpectedIndent(List<Line> lines) {
        int indent = 0;
        boolean opened = false;
        for (Line line : lines) {
            if (line.indent() > indent && !opened) {
                return line.first();
            }
            indent = line.indent();
            opened = line.opensBlock();
        }
        return 0;
    }

    /**
     * The last line of the colon-less header an "expected ':'" reported at ({@code line}, {@code column}) belongs
     * to: the last such header before that place. GraalPy reports it at the token after the header's end, which may
     * be the end of the input, placed at the start of the header's own line.
     */
    static int headerMissingColon(List<Line> lines, int line, int column) {
        int found = 0;
        for (int k = 0; k < lines.size(); k++) {
            Line l = lines.get(k);
            boolean before = l.first() < line || (l.first() == line && l.column() < column);
            boolean endOfInput = k == lines.size() - 1 && l.first() == line && column < l.column();
            if (l.headerWithoutColon() && (before || endOfInput)) {
                found = l.last();
            }
        }
        return found;
    }

    private void scan() {
        while (at < code.length()) {
            int indent = indentation();
            if (at >= code.length()) {
                break;
            }
            char c = code.charAt(at);
            if (c == '#' || c == '\n' || c == '\r') { // blank or comment only: no statement
                skipComment();
                newline();
                continue;
            }
            statement(indent);
        }
    }

    /** Skips a line's leading blanks and returns their width. */
    private int indentation() {
        int width = 0;
        while (at < code.length()) {
            char c = code.charAt(at);
            if (c == ' ') {
                width++;
            } else if (c == '\t') {
                width = (width / 8 + 1) * 8;
            } else if (c != '\f') {
                break;
            }
            at++;
        }
        return width;
    }

    /** One logical line, from its first token at {@link #at} to past its end. */
    private void statement(int indent) {
        int first = lineNumber;
        int column = at - lineStart() + 1;
        int wordEnd = at;
        while (wordEnd < code.length() && Character.isJavaIdentifierPart(code.charAt(wordEnd))) {
            wordEnd++;
        }
        String word = code.substring(at, wordEnd);
        int depth = 0;
        boolean hasColon = false;
        char lastToken = 0;
        while (at < code.length()) {
            char c = code.charAt(at);
            if (c == '\n' || c == '\r') {
                if (depth == 0) {
                    break;
                }
                newline();
            } else if (c == '#') {
                skipComment();
            } else if (c == '\\' && at + 1 < code.length() && isNewline(code.charAt(at + 1))) {
                at++;
                newline(); // an explicit continuation
            } else if (c == '\'' || c == '"') {
                string(c);
                lastToken = c;
            } else {
                if (c == '(' || c == '[' || c == '{') {
                    depth++;
                } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
                    depth--;
                } else if (c == ':' && depth == 0 && !(at + 1 < code.length() && code.charAt(at + 1) == '=')) {
                    hasColon = true;
                }
                if (!Character.isWhitespace(c)) {
                    lastToken = c;
                }
                at++;
            }
        }
        lines.add(new Line(first, column, lineNumber, indent, word, hasColon, lastToken == ':'));
        newline();
    }

    /** A string literal from its opening quote at {@link #at}; an unterminated one ends at its line's end. */
    private void string(char quote) {
        boolean triple = code.startsWith(String.valueOf(quote).repeat(3), at);
        at += triple ? 3 : 1;
        while (at < code.length()) {
            char c = code.charAt(at);
            if (c == '\\' && at + 1 < code.length()) {
                at++;
                if (isNewline(code.charAt(at))) {
                    newline();
                } else {
                    at++;
                }
            } else if (isNewline(c)) {
                if (!triple) {
                    return;
                }
                newline();
            } else if (c == quote && (!triple || code.startsWith(String.valueOf(quote).repeat(3), at))) {
                at += triple ? 3 : 1;
                return;
            } else {
                at++;
            }
        }
    }

    private void skipComment() {
        while (at < code.length() && !isNewline(code.charAt(at))) {
            at++;
        }
    }

    /** Steps over the line break at {@link #at} ({@code \n}, {@code \r\n} or {@code \r}), if there is one. */
    private void newline() {
        if (at >= code.length()) {
            return;
        }
        if (code.charAt(at) == '\r' && at + 1 < code.length() && code.charAt(at + 1) == '\n') {
            at++;
        }
        at++;
        lineNumber++;
    }

    private int lineStart() {
        int start = at;
        while (start > 0 && !isNewline(code.charAt(start - 1))) {
            start--;
        }
        return start;
    }

    private static boolean isNewline(char c) {
        return c == '\n' || c == '\r';
    }
}
