// polysim's JavaScript prelude: evaluates to install(host, members), which returns call(...) (see GuestLanguage).
// Runs before the author's script; everything it defines is local, so the global scope stays the author's.
(function install(host, members) {
  "use strict";
  const parse = JSON.parse, stringify = JSON.stringify;
  // JSON.stringify refuses a BigInt without saying where it is: name the field and what to store instead
  function bigintAt(v, path, seen) {
    if (typeof v === "bigint") return path;
    if (v === null || typeof v !== "object" || seen.has(v)) return null;
    seen.add(v);
    for (const k of Object.keys(v)) {
      const found = bigintAt(v[k], Array.isArray(v) ? `${path}[${k}]` : `${path}.${k}`, seen);
      if (found) return found;
    }
    return null;
  }
  const json = (v, what) => {
    try {
      return stringify(v === undefined ? null : v);
    } catch (err) {
      const at = err instanceof TypeError ? bigintAt(v, what, new Set()) : null;
      if (at) throw new TypeError(`${at} is a BigInt, which polysim does not store (JSON numbers come back as `
          + `Number): store Number(x), exact up to Number.MAX_SAFE_INTEGER, or String(x) for every digit`);
      throw err;
    }
  };

  // randomness from the entity's seeded stream, no wall clock
  Math.random = () => host.random();
  const RealDate = Date;
  function FixedDate(...args) {
    if (!new.target) return new RealDate(0).toString();
    return args.length ? new RealDate(...args) : new RealDate(0);
  }
  FixedDate.prototype = RealDate.prototype;
  FixedDate.now = () => 0;
  FixedDate.parse = RealDate.parse;
  FixedDate.UTC = RealDate.UTC;
  globalThis.Date = FixedDate;
  if (typeof performance !== "undefined") performance.now = () => 0;
  globalThis.require = function require() {
    throw new Error("require is not available: a script is self-contained; define helper functions in it");
  };

  // the entity API, every member built alike from the host's table (ApiMember): JSON parameters travel as text
  // (a number as itself, the commonest message content), the rest as they are; list and JSON results come as text
  // a logged value as a reader wants it: objects as JSON ({"x":1}, not [object Object])
  function text(v) {
    if (v === null || typeof v !== "object") return String(v);
    try { return stringify(v); } catch (err) { return String(v); }
  }
  const api = {};
  parse(members).forEach((m, ordinal) => {
    if (m.property) { // e.x: read on each access, since a move changes it
      Object.defineProperty(api, m.name, { get() { return host.call0(ordinal); }, enumerable: true });
      return;
    }
    const types = m.params.map(p => p.type), labels = m.params.map(p => p.what);
    const parsed = m.result === "STRINGS" || m.result === "JSON";
    const generic = function (...args) {
      const out = [];
      for (let k = 0; k < args.length; k++) {
        const v = args[k], type = types[k];
        if (type === "TEXT") { out.push(args.slice(k).map(text).join(" ")); break; }
        out.push(v === undefined || v === null ? null
            : type === "JSON" && typeof v === "number" ? v
            : type === "JSON" || type === "OBJECT" ? json(v, labels[k]) : v);
      }
      const r = invoke(ordinal, out);
      return parsed && r !== null ? parse(r) : r;
    };
    api[m.name] = types.includes("TEXT") ? generic : fixed(m.name, ordinal, types, labels, parsed, generic);
  });
  // The same member as a function of its own arity, written out: while the prelude runs in the interpreter (a short
  // run's whole life), each step of the generic loop above costs more than the host call it prepares. Missing
  // arguments go as null, as the generic one leaves them out; more arguments than parameters go to the generic one,
  // which lets the host say so.
  function fixed(name, ordinal, types, labels, parsed, generic) {
    const args = types.map((t, k) => "a" + k);
    const values = types.map((t, k) => {
      const a = "a" + k, what = stringify(labels[k]);
      return t === "JSON" ? `${a} == null ? null : typeof ${a} === "number" ? ${a} : json(${a}, ${what})`
          : t === "OBJECT" ? `${a} == null ? null : json(${a}, ${what})` : `${a} ?? null`;
    });
    const call = `call(${[ordinal, ...values].join(", ")})`;
    // the host's method read once: reading a member of a host object costs a lookup on every call otherwise
    return new Function("call", "json", "parse", "generic", `return function ${name}(${args.join(", ")}) {
      if (arguments.length > ${types.length}) return generic.apply(this, arguments);
      ${parsed ? `const r = ${call}; return r === null ? null : parse(r);` : `return ${call};`}
    };`)(host["call" + types.length], json, parse, generic);
  }
  // a host call of fixed arity where there is one: a spread into the varargs call costs several times more
  function invoke(ordinal, out) {
    switch (out.length) {
      case 0: return host.call0(ordinal);
      case 1: return host.call1(ordinal, out[0]);
      case 2: return host.call2(ordinal, out[0], out[1]);
      case 3: return host.call3(ordinal, out[0], out[1], out[2]);
      case 4: return host.call4(ordinal, out[0], out[1], out[2], out[3]);
      case 5: return host.call5(ordinal, out[0], out[1], out[2], out[3], out[4]);
      default: return host.call(ordinal, ...out);
    }
  }
  function deepFreeze(v) {
    if (v && typeof v === "object") { Object.values(v).forEach(deepFreeze); Object.freeze(v); }
    return v;
  }
  let params = Object.freeze({});

  // init and update as the script declares them: a function declaration is a property of the global object, but
  // `const update = ...` is a binding of the global scope only; an indirect eval sees both. Looked up on first use,
  // after the top level ran; the script does not change for the life of the context.
  const globalEval = eval, functions = new Map();
  function lookup(kind) {
    if (!functions.has(kind)) functions.set(kind, globalEval(`typeof ${kind} === "function" ? ${kind} : undefined`));
    return functions.get(kind);
  }

  // Each entity's state as the engine holds it: its JSON text and that text parsed, an object no script has seen
  // (null after a failed call: the text is parsed again). A call gets a fresh object, so no object outlives the call
  // that owns it, and its state is written to text after it; the kept object is then what parsing that text would
  // give. Two ways to do it, chosen by the host's count of updates in this engine (`warm`): built-ins only while the
  // prelude is interpreted (the kept object itself, then JSON.stringify, and JSON.parse of a changed text: a copy or
  // a comparison written in JavaScript costs several times more until compiled), and once it is likely compiled, a
  // copy for the call, a comparison that skips writing an unchanged state, and the kept object rebuilt from the new
  // state without parsing (a tenth of the cost of parsing; at 10k entities, 24 to 28 ms a tick instead of 32 to 35).
  const kept = new Map();
  // out[k] = x, except that a "__proto__" key stays a key, as JSON.parse makes it, rather than setting the prototype
  function put(out, k, x) {
    if (k === "__proto__") Object.defineProperty(out, k, { value: x, writable: true, enumerable: true, configurable: true });
    else out[k] = x;
  }
  function copy(v) { // of a value parsed from JSON
    if (v === null || typeof v !== "object") return v;
    if (Array.isArray(v)) {
      const out = new Array(v.length);
      for (let i = 0; i < v.length; i++) out[i] = copy(v[i]);
      return out;
    }
    const out = {};
    for (const k of Object.keys(v)) put(out, k, copy(v[k]));
    return out;
  }
  const skipped = v => v === undefined || typeof v === "function" || typeof v === "symbol";
  // what JSON.parse(JSON.stringify(v)) gives, for a v that JSON.stringify accepted and its text; a value with a
  // toJSON method or a boxed primitive is left to the parser itself
  function asParsed(v, text) {
    try {
      return plain(v);
    } catch (notPlain) {
      if (notPlain !== NOT_PLAIN) throw notPlain;
      return parse(text);
    }
  }
  const NOT_PLAIN = {};
  function plain(v) {
    if (typeof v === "number") return Number.isFinite(v) ? (v === 0 ? 0 : v) : null;
    if (v === null || typeof v !== "object") return v;
    if (typeof v.toJSON === "function" || v instanceof Number || v instanceof String || v instanceof Boolean) {
      throw NOT_PLAIN;
    }
    if (Array.isArray(v)) {
      const out = new Array(v.length);
      for (let i = 0; i < v.length; i++) out[i] = skipped(v[i]) ? null : plain(v[i]);
      return out;
    }
    const out = {};
    for (const k of Object.keys(v)) {
      const x = v[k];
      if (!skipped(x)) put(out, k, plain(x));
    }
    return out;
  }
  // whether v would be written as the same text as the kept object p: false whenever unsure, so writing decides
  function same(v, p) {
    if (p === null || typeof p !== "object") return v === p;
    if (v === null || typeof v !== "object") return false;
    if (Array.isArray(p)) {
      if (!Array.isArray(v) || Object.getPrototypeOf(v) !== Array.prototype || v.length !== p.length) return false;
      for (let i = 0; i < p.length; i++) if (!same(v[i], p[i])) return false;
      return true;
    }
    if (Object.getPrototypeOf(v) !== Object.prototype) return false;
    const keys = Object.keys(v), expected = Object.keys(p);
    if (keys.length !== expected.length) return false;
    for (let i = 0; i < keys.length; i++) {
      if (keys[i] !== expected[i] || !same(v[keys[i]], p[keys[i]])) return false;
    }
    return true;
  }

  // the inbox one field at a time: a scalar content crosses as itself, anything else as JSON text
  function inbox() {
    const n = host.inboxSize(), list = new Array(n);
    for (let i = 0; i < n; i++) {
      const encoded = host.inboxEncoded(i);
      list[i] = { from: host.inboxFrom(i), kind: host.inboxKind(i),
        content: encoded === null ? host.inboxScalar(i) : parse(encoded), sent_at: host.inboxSentAt(i) };
    }
    return list;
  }
  // one call for init, update or forget of one entity; "run" updates a run of entities of this script, asking the
  // host for the next after each (the host resets the budgets between them) and taking their ids, states and inboxes
  // a chunk at a time: [[id, state or null when this context holds it, [message, ...]], ...]
  const next = host.next, chunkText = host.chunk; // read once, as the API members' calls are
  return function call(kind, id, script, time, stateJson, paramsJson, warm) {
    if (kind === "forget") { kept.delete(id); return null; }
    if (paramsJson !== null) params = deepFreeze(parse(paramsJson));
    if (kind !== "run") {
      if (stateJson !== null) kept.set(id, { text: stateJson, value: null });
      return one(kind, id, script, time, kind === "update" ? inbox() : [], warm);
    }
    let chunk = null, result = null;
    for (;;) {
      let k = next(result);
      if (k === -1) return null;
      if (k === -2) { chunk = parse(chunkText()); k = 0; }
      const entry = chunk[k];
      // a state from the chunk is fresh from parsing; its text is written only if the update changes nothing
      if (entry[1] !== null) kept.set(entry[0], { text: null, value: entry[1] });
      result = one("update", entry[0], script, time, entry[2] ?? inbox(), warm); // null: the host's to read
    }
  };
  function one(kind, id, script, time, messages, warm) {
    const entry = kept.get(id);
    const fn = lookup(kind);
    const e = Object.create(api);
    let pristine = entry.value ?? parse(entry.text);
    e.id = id; e.script = script; e.time = time; e.params = params;
    if (warm) {
      e.state = copy(pristine);
      entry.value = pristine;
    } else {
      e.state = pristine; // the script's now: until the call ends, nothing is kept but the text
      entry.value = pristine = null;
    }
    if (typeof fn === "function") fn(e, messages);
    if (warm && same(e.state, pristine)) return null;
    const after = json(e.state, "e.state");
    if (after === entry.text) {
      if (!warm) entry.value = parse(after);
      return null;
    }
    kept.set(id, { text: after, value: warm ? asParsed(e.state, after) : parse(after) });
    return after;
  }
})
