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
      Object.defineProperty(api, m.name, { get() { return host.call(ordinal); }, enumerable: true });
      return;
    }
    const types = m.params.map(p => p.type), labels = m.params.map(p => p.what);
    const parsed = m.result === "STRINGS" || m.result === "JSON";
    api[m.name] = function (...args) {
      const out = [];
      for (let k = 0; k < args.length; k++) {
        const v = args[k], type = types[k];
        if (type === "TEXT") { out.push(args.slice(k).map(text).join(" ")); break; }
        out.push(v === undefined || v === null ? null
            : type === "JSON" && typeof v === "number" ? v
            : type === "JSON" || type === "OBJECT" ? json(v, labels[k]) : v);
      }
      const r = host.call(ordinal, ...out);
      return parsed && r !== null ? parse(r) : r;
    };
  });
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

  // each entity's state as the engine holds it, in JSON text: the host sends a state only when it changed on its
  // side, and every call parses a fresh object, so no object outlives the call that owns it
  const kept = new Map();
  return function call(kind, id, script, time, stateJson, inboxJson, paramsJson) {
    if (kind === "forget") { kept.delete(id); return null; }
    if (paramsJson !== null) params = deepFreeze(parse(paramsJson));
    if (stateJson !== null) kept.set(id, stateJson);
    const before = kept.get(id);
    const fn = lookup(kind);
    const e = Object.create(api);
    e.id = id; e.script = script; e.time = time; e.state = parse(before); e.params = params;
    if (typeof fn === "function") fn(e, parse(inboxJson));
    const after = json(e.state, "e.state");
    if (after === before) return null;
    kept.set(id, after);
    return after;
  };
})
