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

  // Each entity's state as the engine holds it: its JSON text, and that text parsed, the object its next call gets
  // (no script has seen it yet). After a call the state is written to text; when the text changed, the object kept
  // is the new text parsed, so the next call sees exactly what a snapshot would give it. JSON.parse and
  // JSON.stringify are built in, so this costs little even before the prelude is compiled, unlike a copy and a
  // comparison written here (which were cheaper only once compiled).
  const kept = new Map();
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
  return function call(kind, id, script, time, stateJson, paramsJson) {
    if (kind === "forget") { kept.delete(id); return null; }
    if (paramsJson !== null) params = deepFreeze(parse(paramsJson));
    if (kind !== "run") {
      if (stateJson !== null) kept.set(id, { text: stateJson, value: null });
      return one(kind, id, script, time, kind === "update" ? inbox() : []);
    }
    let chunk = null, result = null;
    for (;;) {
      let k = next(result);
      if (k === -1) return null;
      if (k === -2) { chunk = parse(chunkText()); k = 0; }
      const entry = chunk[k];
      // a state from the chunk is fresh from parsing; its text is written only if the update changes nothing
      if (entry[1] !== null) kept.set(entry[0], { text: null, value: entry[1] });
      result = one("update", entry[0], script, time, entry[2]);
    }
  };
  function one(kind, id, script, time, messages) {
    const state = kept.get(id);
    const fn = lookup(kind);
    const e = Object.create(api);
    // the object parsed ahead, or the text parsed now (a call failed since, leaving the object half changed)
    e.id = id; e.script = script; e.time = time; e.state = state.value ?? parse(state.text); e.params = params;
    state.value = null;
    if (typeof fn === "function") fn(e, messages);
    const after = json(e.state, "e.state");
    if (after === state.text) {
      state.value = parse(after);
      return null;
    }
    kept.set(id, { text: after, value: parse(after) });
    return after;
  }
})
