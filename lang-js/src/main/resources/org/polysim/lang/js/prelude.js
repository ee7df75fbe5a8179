// polysim's JavaScript prelude: evaluates to install(host), which returns call(...) (see GuestLanguage).
// Runs before the author's script; everything it defines is local, so the global scope stays the author's.
(function install(host) {
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

  const api = {
    send(to, kind, content, delay) {
      kind = kind === undefined ? "" : String(kind);
      delay = delay === undefined ? null : delay;
      if (typeof content === "number") host.sendNumber(to, kind, content, delay); // no text for the commonest case
      else host.send(to, kind, json(content, "message content"), delay);
    },
    spawn(script, state) {
      return host.spawn(script, json(state === undefined ? {} : state, "the new entity's state"));
    },
    destroy(id) { host.destroy(id === undefined ? null : id); },
    metric(name, value) { host.metric(name, value); },
    log(...args) { host.log(args.map(String).join(" ")); },
    random(lo, hi) { return lo === undefined ? host.random() : hi === undefined ? host.randomInt(1, lo) : host.randomInt(lo, hi); },
    entities(script) { return parse(host.entities(script === undefined ? null : script)); },
  };
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
