package org.polysim.lang.lua;

import java.util.List;
import org.luaj.vm2.Buffer;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * Lua 5.2 pattern matching for {@code string.find}, {@code match}, {@code gmatch} and {@code gsub}, written to be
 * interruptible. LuaJ's matcher runs entirely in Java, out of reach of the instruction hook, so one backtracking
 * pattern could spin for hours; this one charges every matching step to the running {@link Budget} and caps its
 * recursion at Lua's 200 levels ("pattern too complex").
 *
 * <p>Where LuaJ 3.0.1 departs from the reference Lua 5.2 this follows Lua 5.2: classes use the C locale ({@code %g}
 * exists, {@code %p} is all ASCII punctuation, {@code \v} is a space, bytes over 127 are in no class); an init past
 * {@code #s + 1} finds nothing; gmatch steps over empty matches and may match at the very end; gsub checks its
 * replacement's type up front, rejects {@code %} before anything but a digit or {@code %}, and takes a negative n as
 * no limit; a back-reference to a position capture never matches; a frontier sees {@code \0} past the end; the
 * error messages are Lua's.
 */
final class Patterns {

    private static final int MAX_CAPTURES = 32;
    private static final int MAX_DEPTH = 200;
    private static final int CAP_UNFINISHED = -1;
    private static final int CAP_POSITION = -2;
    private static final int STEP_BATCH = 4096;
    private static final String SPECIALS = "^$*+?.([%-";

    private Patterns() {}

    /** Replaces the four pattern functions of a string library table with the budgeted ones. */
    static void install(LuaTable string) {
        for (String name : List.of("find", "match", "gmatch", "gsub")) {
            string.set(name, new PatternFunction(name));
        }
    }

    private static final class PatternFunction extends VarArgFunction {
        PatternFunction(String name) {
            this.name = name;
        }

        @Override
        public Varargs invoke(Varargs args) {
            return switch (name) {
                case "find" -> search(args, true);
                case "match" -> search(args, false);
                case "gmatch" -> new GmatchIterator(new Matcher(args.checkstring(1), args.checkstring(2)));
                default -> gsub(args);
            };
        }
    }

    /** find and match: the first match at or after init; a leading '^' anchors it there. */
    private static Varargs search(Varargs args, boolean find) {
        LuaString subject = args.checkstring(1);
        LuaString pattern = args.checkstring(2);
        int length = subject.length();
        long init = args.optlong(3, 1);
        init = Math.max(1, init >= 0 ? init : length + init + 1); // negative counts from the end
        if (init > length + 1L) {
            return LuaValue.NIL; // Lua 5.2: starting past the end finds nothing, not even ""
        }
        int start = (int) init - 1;
        Matcher m = new Matcher(subject, pattern);
        if (find && (args.arg(4).toboolean() || noSpecials(pattern))) {
            int at = m.plainFind(start);
            return at < 0 ? LuaValue.NIL
                    : LuaValue.varargsOf(LuaValue.valueOf(at + 1), LuaValue.valueOf(at + pattern.length()));
        }
        boolean anchored = m.patternAt(0) == '^';
        do {
            int end = m.matchFrom(start, anchored ? 1 : 0);
            if (end >= 0) {
                return find ? LuaValue.varargsOf(LuaValue.valueOf(start + 1), LuaValue.valueOf(end),
                        m.captures(false, start, end)) : m.captures(true, start, end);
            }
        } while (start++ < length && !anchored);
        return LuaValue.NIL;
    }

    private static boolean noSpecials(LuaString pattern) {
        for (int i = 0; i < pattern.m_length; i++) {
            if (SPECIALS.indexOf(pattern.luaByte(i)) >= 0) {
                return false;
            }
        }
        return true;
    }

    /** Each call resumes where the previous match ended; '^' is a literal here, as in Lua 5.2. */
    private static final class GmatchIterator extends VarArgFunction {
        private final Matcher matcher;
        private int next;

        GmatchIterator(Matcher matcher) {
            this.matcher = matcher;
        }

        @Override
        public Varargs invoke(Varargs ignored) {
            for (int start = next; start <= matcher.subjectLength; start++) {
                int end = matcher.matchFrom(start, 0);
                if (end >= 0) {
                    next = end > start ? end : end + 1; // an empty match must still move on, or it repeats forever
                    return matcher.captures(true, start, end);
                }
            }
            next = matcher.subjectLength + 1; // rescanning would find nothing again
            return LuaValue.NONE;
        }
    }

    private static Varargs gsub(Varargs args) {
        LuaString subject = args.checkstring(1);
        LuaString pattern = args.checkstring(2);
        LuaValue replacement = args.arg(3);
        if (!replacement.isstring() && !replacement.istable() && !replacement.isfunction()) {
            LuaValue.argerror(3, "string/function/table expected"); // checked before matching, as Lua 5.2 does
        }
        int length = subject.length();
        long maxReplacements = args.optlong(4, length + 1L);
        if (maxReplacements < 0) {
            maxReplacements = Long.MAX_VALUE; // Lua 5.2 reads n as an unsigned size_t
        }
        Matcher m = new Matcher(subject, pattern);
        boolean anchored = m.patternAt(0) == '^';
        Output out = new Output(length);
        int pos = 0;
        int count = 0;
        while (count < maxReplacements) {
            int end = m.matchFrom(pos, anchored ? 1 : 0);
            if (end >= 0) {
                count++;
                m.replace(out, pos, end, replacement);
            }
            if (end > pos) {
                pos = end;
            } else if (pos < length) {
                out.grow(1).append((byte) subject.luaByte(pos++)); // no progress: copy one byte, move on
            } else {
                break;
            }
            if (anchored) {
                break;
            }
        }
        out.grow(length - pos).append(subject.substring(pos, length));
        return LuaValue.varargsOf(out.buffer.tostring(), LuaValue.valueOf(count));
    }

    /** gsub's result, refusing to grow past limits.string_bytes while a budget is running. */
    private static final class Output {
        final Buffer buffer;
        private final Budget budget = Budget.current();
        private long size;

        Output(int expected) {
            buffer = new Buffer(budget == null ? expected : Math.min(expected, budget.limits.stringBytes()));
        }

        /** The buffer, once it is sure n more bytes stay within the limit. */
        Buffer grow(int n) {
            size += n;
            if (budget != null && size > budget.limits.stringBytes()) {
                budget.checkString(size, "string.gsub");
            }
            return buffer;
        }
    }

    /** One subject and pattern: the captures of the attempt in progress, and the steps not yet charged. */
    private static final class Matcher {
        private final LuaString subject;
        private final LuaString pattern;
        final int subjectLength;
        private final int patternLength;
        private final int[] captureStart = new int[MAX_CAPTURES];
        private final int[] captureLength = new int[MAX_CAPTURES];
        private int level;
        private int depth;
        private int unchargedSteps;

        Matcher(LuaString subject, LuaString pattern) {
            this.subject = subject;
            this.pattern = pattern;
            subjectLength = subject.m_length;
            patternLength = pattern.m_length;
        }

        /** A fresh attempt at matching the pattern from p against the subject from s. */
        int matchFrom(int s, int p) {
            level = 0;
            depth = 0;
            return match(s, p);
        }

        /** Counts matching work; the budget sees it in batches so the hot loops stay cheap. */
        private void spend(int steps) {
            unchargedSteps += steps;
            if (unchargedSteps >= STEP_BATCH) {
                int charged = unchargedSteps;
                unchargedSteps = 0;
                Budget b = Budget.current();
                if (b != null) {
                    b.patternSteps(charged);
                }
            }
        }

        /** The pattern byte at i, or 0 past the end, where Lua reads the C string's terminator. */
        int patternAt(int i) {
            return i < patternLength ? pattern.luaByte(i) : 0;
        }

        /** Substring search for a pattern without magic characters, charged per byte compared. */
        int plainFind(int from) {
            for (int i = from; i + patternLength <= subjectLength; i++) {
                int same = 0;
                while (same < patternLength && subject.luaByte(i + same) == patternAt(same)) {
                    same++;
                }
                spend(same + 1);
                if (same == patternLength) {
                    return i;
                }
            }
            return -1;
        }

        /** Capture i as Lua returns it: a string, a position, or the whole match when there are no captures. */
        LuaValue capture(int i, int start, int end) {
            if (i >= level) {
                if (i == 0) {
                    return subject.substring(start, end);
                }
                throw new LuaError("invalid capture index");
            }
            int length = captureLength[i];
            if (length == CAP_UNFINISHED) {
                throw new LuaError("unfinished capture");
            }
            return length == CAP_POSITION ? LuaValue.valueOf(captureStart[i] + 1)
                    : subject.substring(captureStart[i], captureStart[i] + length);
        }

        /** All captures; with none, the whole match if asked (match, gmatch, gsub) or nothing (find). */
        Varargs captures(boolean wholeIfNone, int start, int end) {
            int count = level == 0 && wholeIfNone ? 1 : level;
            LuaValue[] values = new LuaValue[count];
            for (int i = 0; i < count; i++) {
                values[i] = capture(i, start, end);
            }
            return count == 1 ? values[0] : LuaValue.varargsOf(values);
        }

        /** Appends gsub's replacement for the match start..end; false or nil keeps the matched text. */
        void replace(Output out, int start, int end, LuaValue replacement) {
            LuaValue value = switch (replacement.type()) {
                case LuaValue.TFUNCTION -> replacement.invoke(captures(true, start, end)).arg1();
                case LuaValue.TTABLE -> replacement.get(capture(0, start, end));
                default -> null;
            };
            if (value == null) {
                expandTemplate(out, replacement.strvalue(), start, end);
            } else if (!value.toboolean()) {
                out.grow(end - start).append(subject.substring(start, end));
            } else if (!value.isstring()) {
                throw new LuaError("invalid replacement value (a " + value.typename() + ")");
            } else {
                LuaString text = value.strvalue();
                out.grow(text.m_length).append(text);
            }
        }

        /** A replacement string: %0 is the whole match, %1-%9 the captures, %% a percent sign. */
        private void expandTemplate(Output out, LuaString template, int start, int end) {
            for (int i = 0; i < template.m_length; i++) {
                int c = template.luaByte(i);
                if (c == '%') {
                    c = ++i < template.m_length ? template.luaByte(i) : 0;
                    if (c >= '0' && c <= '9') {
                        LuaString piece = c == '0' ? subject.substring(start, end)
                                : capture(c - '1', start, end).strvalue();
                        out.grow(piece.m_length).append(piece);
                        continue;
                    } else if (c != '%') {
                        throw new LuaError("invalid use of '%' in replacement string");
                    }
                }
                out.grow(1).append((byte) c);
            }
        }

        /** Matches the pattern from p against the subject from s: where the match ends, or -1. */
        int match(int s, int p) {
            if (++depth > MAX_DEPTH) {
                throw new LuaError("pattern too complex");
            }
            int end = matchHere(s, p);
            depth--;
            return end;
        }

        private int matchHere(int s, int p) {
            while (true) { // plain items loop instead of recursing, so long literal patterns stay shallow
                spend(1);
                if (p == patternLength) {
                    return s;
                }
                int c = patternAt(p);
                int next = patternAt(p + 1);
                if (c == '(') {
                    return next == ')' ? startCapture(s, p + 2, CAP_POSITION) : startCapture(s, p + 1, CAP_UNFINISHED);
                } else if (c == ')') {
                    return endCapture(s, p + 1);
                } else if (c == '$' && p + 1 == patternLength) {
                    return s == subjectLength ? s : -1;
                } else if (c == '%' && next == 'b') {
                    s = matchBalanced(s, p + 2);
                    p += 4;
                } else if (c == '%' && next == 'f') {
                    p += 2;
                    if (patternAt(p) != '[') {
                        throw new LuaError("missing '[' after '%f' in pattern");
                    }
                    int setEnd = classEnd(p) - 1;
                    int before = s == 0 ? 0 : subject.luaByte(s - 1);
                    int here = s < subjectLength ? subject.luaByte(s) : 0;
                    s = !matchSet(before, p, setEnd) && matchSet(here, p, setEnd) ? s : -1;
                    p = setEnd + 1;
                } else if (c == '%' && next >= '0' && next <= '9') {
                    s = matchBackReference(s, next);
                    p += 2;
                } else { // a single-character class with an optional quantifier
                    int ep = classEnd(p);
                    int quantifier = patternAt(ep);
                    if (!singleMatch(s, p, ep)) {
                        if (quantifier != '*' && quantifier != '?' && quantifier != '-') {
                            return -1;
                        }
                        p = ep + 1; // zero repetitions will do
                        continue;
                    }
                    if (quantifier == '+' || quantifier == '*') {
                        return maxExpand(quantifier == '+' ? s + 1 : s, p, ep);
                    } else if (quantifier == '-') {
                        return minExpand(s, p, ep);
                    } else if (quantifier == '?') {
                        int end = match(s + 1, ep + 1);
                        if (end >= 0) {
                            return end;
                        }
                        p = ep + 1;
                    } else {
                        s++;
                        p = ep;
                    }
                }
                if (s < 0) {
                    return -1;
                }
            }
        }

        /** Greedy: take as many as possible, then give them back one at a time. */
        private int maxExpand(int s, int p, int ep) {
            int count = 0;
            while (singleMatch(s + count, p, ep)) {
                count++;
                spend(1);
            }
            for (; count >= 0; count--) {
                int end = match(s + count, ep + 1);
                if (end >= 0) {
                    return end;
                }
            }
            return -1;
        }

        /** Lazy: try the rest of the pattern first, taking one more item only when it fails. */
        private int minExpand(int s, int p, int ep) {
            while (true) {
                int end = match(s, ep + 1);
                if (end >= 0) {
                    return end;
                }
                spend(1);
                if (!singleMatch(s, p, ep)) {
                    return -1;
                }
                s++;
            }
        }

        private int startCapture(int s, int p, int what) {
            if (level >= MAX_CAPTURES) {
                throw new LuaError("too many captures");
            }
            captureStart[level] = s;
            captureLength[level++] = what;
            int end = match(s, p);
            if (end < 0) {
                level--;
            }
            return end;
        }

        private int endCapture(int s, int p) {
            int open = level - 1;
            while (open >= 0 && captureLength[open] != CAP_UNFINISHED) {
                open--;
            }
            if (open < 0) {
                throw new LuaError("invalid pattern capture");
            }
            captureLength[open] = s - captureStart[open];
            int end = match(s, p);
            if (end < 0) {
                captureLength[open] = CAP_UNFINISHED;
            }
            return end;
        }

        private int matchBackReference(int s, int digit) {
            int index = digit - '1';
            if (index < 0 || index >= level || captureLength[index] == CAP_UNFINISHED) {
                throw new LuaError("invalid capture index %" + (index + 1));
            }
            int length = captureLength[index];
            // Lua compares a position capture's length as a huge unsigned number, so it never matches.
            if (length < 0 || subjectLength - s < length) {
                return -1;
            }
            spend(length);
            return LuaString.equals(subject, captureStart[index], subject, s, length) ? s + length : -1;
        }

        /** %bxy with x at p: an x, then everything up to the y that balances it. */
        private int matchBalanced(int s, int p) {
            if (p + 1 >= patternLength) {
                throw new LuaError("malformed pattern (missing arguments to '%b')");
            }
            int open = patternAt(p);
            int close = patternAt(p + 1);
            if (s >= subjectLength || subject.luaByte(s) != open) {
                return -1;
            }
            int unclosed = 1;
            for (int i = s + 1; i < subjectLength; i++) {
                int c = subject.luaByte(i);
                if (c == close && --unclosed == 0) {
                    spend(i - s);
                    return i + 1;
                } else if (c == open && c != close) {
                    unclosed++;
                }
            }
            spend(subjectLength - s);
            return -1;
        }

        /** Where the single-character class starting at p ends (exclusive). */
        private int classEnd(int p) {
            int c = patternAt(p++);
            if (c == '%') {
                if (p == patternLength) {
                    throw new LuaError("malformed pattern (ends with '%')");
                }
                return p + 1;
            }
            if (c == '[') {
                if (patternAt(p) == '^') {
                    p++;
                }
                do { // the first character is always a member, so "[]]" is a set holding ']'
                    if (p == patternLength) {
                        throw new LuaError("malformed pattern (missing ']')");
                    }
                    if (patternAt(p++) == '%' && p < patternLength) {
                        p++;
                    }
                } while (patternAt(p) != ']');
                return p + 1;
            }
            return p;
        }

        private boolean singleMatch(int s, int p, int ep) {
            if (s >= subjectLength) {
                return false;
            }
            int c = subject.luaByte(s);
            return switch (patternAt(p)) {
                case '.' -> true;
                case '%' -> matchClass(c, patternAt(p + 1));
                case '[' -> matchSet(c, p, ep - 1);
                default -> patternAt(p) == c;
            };
        }

        /** Whether c is in the set [...] from p (the '[') to setEnd (its ']'). */
        private boolean matchSet(int c, int p, int setEnd) {
            boolean negated = patternAt(p + 1) == '^';
            if (negated) {
                p++;
            }
            int start = p;
            boolean member = false;
            while (!member && ++p < setEnd) {
                int item = patternAt(p);
                if (item == '%') {
                    member = matchClass(c, patternAt(++p));
                } else if (patternAt(p + 1) == '-' && p + 2 < setEnd) {
                    p += 2;
                    member = item <= c && c <= patternAt(p);
                } else {
                    member = item == c;
                }
            }
            spend((p - start) >> 3); // a huge set costs in proportion; a short one rides on its caller's step
            return member != negated;
        }
    }

    /** %x classes in the C locale, as Lua uses them; an upper-case letter negates, other bytes match themselves. */
    private static boolean matchClass(int c, int cl) {
        int lower = cl >= 'A' && cl <= 'Z' ? cl + ('a' - 'A') : cl;
        if ("acdglpsuwxz".indexOf(lower) < 0) {
            return cl == c;
        }
        boolean alpha = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
        boolean digit = c >= '0' && c <= '9';
        boolean result = switch (lower) {
            case 'a' -> alpha;
            case 'c' -> c < 32 || c == 127;
            case 'd' -> digit;
            case 'g' -> c > 32 && c < 127;
            case 'l' -> c >= 'a' && c <= 'z';
            case 'p' -> c > 32 && c < 127 && !alpha && !digit;
            case 's' -> c == ' ' || c >= '\t' && c <= '\r';
            case 'u' -> c >= 'A' && c <= 'Z';
            case 'w' -> alpha || digit;
            case 'x' -> digit || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
            default -> c == 0; // %z, deprecated in 5.2 but still there
        };
        return lower == cl ? result : !result;
    }
}
