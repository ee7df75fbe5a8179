package org.polysim.lang.python;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.polysim.engine.spi.InboxMessage;
import org.polysim.engine.spi.Turns;
import org.polysim.lang.graal.StateCodec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON values in Python's {@code marshal} format (version 2), carried as Latin-1 text (one char per byte).
 * GraalPy's {@code marshal} is native and about 18 times faster than its {@code json} module for the small
 * values a state holds; the writer emits exactly what {@code marshal.dumps(value, 2)} emits, so an unchanged
 * state is recognised by comparing text. The reader also accepts the later versions' forms and GraalPy's own.
 *
 * <p>Integers travel exactly within the signed 64-bit range. A Python int beyond it is refused, naming the field,
 * and an integer beyond it from the host (a world file, {@code set_entity_state}) reaches Python as a float, as it
 * reaches Lua and JavaScript: every language then agrees on what a stored number is (see package docs).
 */
final class MarshalCodec implements StateCodec {

    static final MarshalCodec INSTANCE = new MarshalCodec();

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    @Override
    public String encode(JsonNode value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        write(value, out);
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public String encodeChunk(List<Turns.Upcoming> entities, Predicate<Turns.Upcoming> held, boolean inboxes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + 48 * entities.size());
        out.write('[');
        int32(entities.size(), out);
        for (Turns.Upcoming u : entities) {
            out.write('[');
            int32(3, out);
            string(u.id(), out);
            if (held.test(u)) {
                out.write('N');
            } else {
                write(u.state(), out);
            }
            if (!inboxes) {
                out.write('N');
                continue;
            }
            out.write('[');
            int32(u.inbox().size(), out);
            for (InboxMessage m : u.inbox()) {
                out.write('{');
                string("from", out);
                string(m.from(), out);
                string("kind", out);
                string(m.kind(), out);
                string("content", out);
                write(m.content(), out);
                string("sent_at", out);
                float64(m.sentAt(), out);
                out.write('0');
            }
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    private static void write(JsonNode v, ByteArrayOutputStream out) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            out.write('N');
        } else if (v.isBoolean()) {
            out.write(v.booleanValue() ? 'T' : 'F');
        } else if (v.isIntegralNumber() && v.canConvertToLong()) {
            if (v.canConvertToInt()) {
                out.write('i');
                int32(v.intValue(), out);
            } else {
                bigInt(v.bigIntegerValue(), out);
            }
        } else if (v.isNumber()) {
            float64(v.doubleValue(), out);
        } else if (v.isString()) {
            string(v.stringValue(), out);
        } else if (v.isArray()) {
            out.write('[');
            int32(v.size(), out);
            for (JsonNode item : v) {
                write(item, out);
            }
        } else {
            out.write('{');
            for (Map.Entry<String, JsonNode> e : v.properties()) {
                string(e.getKey(), out);
                write(e.getValue(), out);
            }
            out.write('0');
        }
    }

    /** CPython's long: a signed count of 15-bit digits, least significant first. */
    private static void bigInt(BigInteger n, ByteArrayOutputStream out) {
        BigInteger abs = n.abs();
        List<Integer> digits = new ArrayList<>();
        while (abs.signum() > 0) {
            digits.add(abs.intValue() & 0x7FFF);
            abs = abs.shiftRight(15);
        }
        out.write('l');
        int32(n.signum() < 0 ? -digits.size() : digits.size(), out);
        for (int d : digits) {
            out.write(d & 0xFF);
            out.write(d >>> 8);
        }
    }

    private static void string(String s, ByteArrayOutputStream out) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.write('u');
        int32(utf8.length, out);
        out.writeBytes(utf8);
    }

    private static void float64(double d, ByteArrayOutputStream out) {
        out.write('g');
        long bits = Double.doubleToRawLongBits(d);
        for (int i = 0; i < 8; i++) {
            out.write((int) (bits >>> (8 * i)));
        }
    }

    private static void int32(int n, ByteArrayOutputStream out) {
        out.write(n);
        out.write(n >>> 8);
        out.write(n >>> 16);
        out.write(n >>> 24);
    }

    @Override
    public JsonNode decode(String text, String what) {
        Reader r = new Reader(text.getBytes(StandardCharsets.ISO_8859_1), what);
        JsonNode v = r.read(what);
        if (r.buf.hasRemaining()) {
            throw new IllegalArgumentException(what + " is not JSON data (trailing bytes)");
        }
        return v;
    }

    /** One pass over marshal bytes, with the back-reference table of versions 3 and later. */
    private static final class Reader {
        final ByteBuffer buf;
        final String what;
        final List<JsonNode> refs = new ArrayList<>();

        Reader(byte[] bytes, String what) {
            this.buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            this.what = what;
        }

        JsonNode read(String where) {
            int code = buf.get() & 0xFF;
            boolean ref = (code & 0x80) != 0;
            int type = code & 0x7F;
            int slot = -1;
            if (ref) {
                slot = refs.size();
                refs.add(null);
            }
            JsonNode v = switch (type) {
                case 'N' -> F.nullNode();
                case 'T' -> F.booleanNode(true);
                case 'F' -> F.booleanNode(false);
                case 'i' -> F.numberNode(buf.getInt());
                case 'I' -> integer(buf.getLong()); // GraalPy writes every int it holds as a Java long this way
                case 'l' -> integer(readLong(), where);
                case 'g' -> finite(buf.getDouble(), where);
                case 'u', 't', 'a', 'A' -> F.stringNode(text(buf.getInt()));
                case 'z', 'Z' -> F.stringNode(text(buf.get() & 0xFF));
                case '[', '(' -> array(buf.getInt(), where, slot);
                case ')' -> array(buf.get() & 0xFF, where, slot);
                case '{' -> object(where, slot);
                case 'r' -> refs.get(buf.getInt());
                default -> throw new IllegalArgumentException(where + " holds a Python value that JSON cannot hold ("
                        + describe(type) + "); store dicts, lists, str, int, float, bool and None");
            };
            if (ref && refs.get(slot) == null) {
                refs.set(slot, v);
            }
            return v;
        }

        private ArrayNode array(int n, String where, int slot) {
            ArrayNode a = F.arrayNode(n);
            if (slot >= 0) {
                refs.set(slot, a);
            }
            for (int i = 0; i < n; i++) {
                a.add(read(where + "[" + i + "]"));
            }
            return a;
        }

        private ObjectNode object(String where, int slot) {
            ObjectNode o = F.objectNode();
            if (slot >= 0) {
                refs.set(slot, o);
            }
            while ((buf.get(buf.position()) & 0x7F) != '0') {
                JsonNode key = read(where);
                if (!key.isString()) {
                    throw new IllegalArgumentException(where + " has a key " + key + "; JSON object keys are strings");
                }
                o.set(key.stringValue(), read(where + "." + key.stringValue()));
            }
            buf.get();
            return o;
        }

        private BigInteger readLong() {
            int n = buf.getInt();
            BigInteger v = BigInteger.ZERO;
            int count = Math.abs(n);
            int[] digits = new int[count];
            for (int i = 0; i < count; i++) {
                digits[i] = buf.getShort() & 0xFFFF;
            }
            for (int i = count - 1; i >= 0; i--) {
                v = v.shiftLeft(15).or(BigInteger.valueOf(digits[i]));
            }
            return n < 0 ? v.negate() : v;
        }

        /** As Jackson reads JSON: an int when it fits, else a long. */
        private static JsonNode integer(long n) {
            return n == (int) n ? F.numberNode((int) n) : F.numberNode(n);
        }

        private static JsonNode integer(BigInteger n, String where) {
            if (n.bitLength() < 64) {
                return integer(n.longValue());
            }
            String shown = n.bitLength() <= 128 ? n.toString() : (n.signum() < 0 ? "-" : "") + "about 2**"
                    + (n.bitLength() - 1);
            throw new IllegalArgumentException(where + " is the integer " + shown + ", beyond the 64-bit range "
                    + "(-2**63 to 2**63-1) in which polysim stores integers exactly; store float(x), or str(x) "
                    + "for every digit");
        }

        private String text(int length) {
            byte[] bytes = new byte[length];
            buf.get(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }

        private JsonNode finite(double d, String where) {
            if (!Double.isFinite(d)) {
                String shown = Double.isNaN(d) ? "nan" : d > 0 ? "inf" : "-inf";
                throw new IllegalArgumentException(where + " is float('" + shown + "'), which JSON cannot hold; "
                        + "store a finite number, or None for \"no value\"");
            }
            return F.numberNode(d);
        }

        private static String describe(int type) {
            return switch (type) {
                case '<', '>' -> "a set";
                case 's' -> "bytes";
                case 'y' -> "a complex number";
                case 'c' -> "code";
                default -> "marshal type '" + (char) type + "'";
            };
        }
    }
}
