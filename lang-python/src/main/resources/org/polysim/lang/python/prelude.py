# polysim's Python prelude: evaluates to install(host, members), which returns call(...) (see GuestLanguage).
def _polysim_install(host, members):
    import marshal as _marshal
    import math as _math
    import sys as _sys
    import time as _time

    main = globals()

    # values travel in marshal format as Latin-1 text (MarshalCodec): GraalPy's marshal is native, its json is not
    def loads(text):
        return _marshal.loads(text.encode("latin-1"))

    def dumps(value):
        try:
            return _marshal.dumps(value, 2).decode("latin-1")
        except ValueError:  # read-only params copied into a state or a message, or something JSON cannot hold
            return _marshal.dumps(plain(value), 2).decode("latin-1")

    BIG = 1 << 63

    def plain(v):
        if isinstance(v, dict):
            return {k: plain(x) for k, x in v.items()}
        if isinstance(v, (list, tuple)):
            return [plain(x) for x in v]
        if v is None or isinstance(v, (str, int, float)):
            return v
        raise TypeError(f"{type(v).__name__} is not JSON data; send and store dicts, lists, str, numbers, bool, None")

    READ_ONLY = ("e.params is read-only in scripts: the set_params tool changes a world's params; keep what an "
                 "entity changes in e.state")

    class Params(dict):
        """e.params and the dicts inside it: readable like any dict, and saying how to change them when written."""
        __slots__ = ()

        def _read_only(self, *args, **kwargs):
            raise TypeError(READ_ONLY)

        __setitem__ = __delitem__ = __ior__ = update = pop = popitem = clear = setdefault = _read_only

    def freeze(v):
        if isinstance(v, dict):
            return Params({k: freeze(x) for k, x in v.items()})
        if isinstance(v, list):
            return tuple(freeze(x) for x in v)
        return v

    class Message(dict):
        """A delivered message: m["kind"] or m.kind."""
        __slots__ = ()

        def __getattr__(self, name):
            try:
                return self[name]
            except KeyError:
                raise AttributeError(name) from None

    class Entity:
        __slots__ = ("id", "script", "time", "state", "params")

    def number(v):
        return (type(v) is int and -BIG <= v < BIG) or (type(v) is float and _math.isfinite(v))

    # host calls of fixed arity where there is one: a call spread into the varargs one costs several times more
    def invoke(ordinal, out):
        n = len(out)
        if n == 0:
            return host.call0(ordinal)
        if n == 1:
            return host.call1(ordinal, out[0])
        if n == 2:
            return host.call2(ordinal, out[0], out[1])
        if n == 3:
            return host.call3(ordinal, out[0], out[1], out[2])
        if n == 4:
            return host.call4(ordinal, out[0], out[1], out[2], out[3])
        if n == 5:
            return host.call5(ordinal, out[0], out[1], out[2], out[3], out[4])
        return host.call(ordinal, *out)

    def member(ordinal, m):
        # one member of the entity API, built like every other from the host's table (ApiMember): JSON parameters
        # travel as marshal text (a number as itself, the commonest message content), the rest as they are
        name, types = m["name"], [p["type"] for p in m["params"]]
        labels = [p["name"] for p in m["params"]]
        parsed = m["result"] in ("STRINGS", "JSON")

        def f(self, *args, **kwargs):
            args = list(args)
            for key, v in kwargs.items():
                if key not in labels:
                    raise TypeError(f"{name}() got an unexpected keyword argument '{key}'")
                at = labels.index(key)
                args.extend([None] * (at + 1 - len(args)))
                args[at] = v
            out = []
            for k, v in enumerate(args):
                t = types[k] if k < len(types) else None
                if t == "TEXT":
                    out.append(" ".join(str(a) for a in args[k:]))
                    break
                if v is None or t not in ("JSON", "OBJECT") or (t == "JSON" and number(v)):
                    out.append(v)
                else:
                    out.append(dumps(v))
            r = invoke(ordinal, out)
            if r is None:  # a host null is a ForeignNone, which marshal cannot store: give the script None itself
                return None
            return loads(r) if parsed else r

        f.__name__ = name
        return f if "TEXT" in types else fixed(name, ordinal, types, labels, parsed, f)

    INF = float("inf")

    def fixed(name, ordinal, types, labels, parsed, generic):
        # the same member as a function of its own arity, written out: while the prelude runs in the interpreter (a
        # short run's whole life), each step of the generic one costs more than the host call it prepares; keywords
        # work as the parameters' names, and more arguments than parameters go to the generic one, which says so
        values = []
        for label, t in zip(labels, types):
            if t == "JSON":  # a number as itself, the commonest message content; anything else as marshal text
                values.append(f"{label} if {label} is None or (type({label}) is int and -BIG <= {label} < BIG) "
                              f"or (type({label}) is float and -INF < {label} < INF) else dumps({label})")
            elif t == "OBJECT":
                values.append(f"None if {label} is None else dumps({label})")
            else:
                values.append(label)
        params = "".join(f", {label}=None" for label in labels)
        call = f"call({', '.join([str(ordinal)] + values)})"
        result = f"r = {call}\n    return None if r is None else loads(r)" if parsed else f"r = {call}\n" \
            f"    return None if r is None else r"
        source = (f"def {name}(self{params}, *more):\n"
                  f"    if more:\n"
                  f"        return generic(self{''.join(', ' + label for label in labels)}, *more)\n"
                  f"    {result}\n")
        # the host's method read once: reading a member of a host object is itself a crossing, while interpreted
        scope = {"call": getattr(host, f"call{len(types)}"), "dumps": dumps, "loads": loads, "generic": generic,
                 "BIG": BIG, "INF": INF}
        exec(source, scope)
        return scope[name]

    def prop(ordinal):  # e.x: read on each access, since a move changes it
        return property(lambda self: host.call0(ordinal))

    for ordinal, m in enumerate(loads(members)):
        setattr(Entity, m["name"], prop(ordinal) if m["property"] else member(ordinal, m))

    # no wall clock reaches scripts
    for name in ("time", "monotonic", "perf_counter", "process_time"):
        setattr(_time, name, lambda: 0.0)
    for name in ("time_ns", "monotonic_ns", "perf_counter_ns", "process_time_ns"):
        setattr(_time, name, lambda: 0)

    def patch_random(_random):
        class EntityRandom(_random.Random):
            """The random module, drawing from the entity's seeded stream."""

            def random(self):
                return host.random()

            def getrandbits(self, k):
                bits = 0
                for shift in range(0, k, 32):
                    bits |= host.randomInt(0, (1 << min(32, k - shift)) - 1) << shift
                return bits

            def seed(self, *args, **kwargs):
                pass  # seeded by the world

        inst = EntityRandom()
        for name in dir(inst):
            if not name.startswith("_") and callable(getattr(inst, name)) and hasattr(_random, name):
                setattr(_random, name, getattr(inst, name))
        _random._inst = inst

    def patch_datetime(_datetime):
        class FixedDateTime(_datetime.datetime):
            @classmethod
            def now(cls, tz=None):
                return cls(1970, 1, 1, tzinfo=tz)

            @classmethod
            def utcnow(cls):
                return cls(1970, 1, 1)

            @classmethod
            def today(cls):
                return cls(1970, 1, 1)

        class FixedDate(_datetime.date):
            @classmethod
            def today(cls):
                return cls(1970, 1, 1)

        _datetime.datetime = FixedDateTime
        _datetime.date = FixedDate

    # random and datetime cost GraalPy most of a second each to import, in every context: they are patched when
    # first imported, by whatever route (import, importlib, another module), not imported here
    patches = {"random": patch_random, "datetime": patch_datetime}

    class Patching:
        def __init__(self, loader, patch):
            self.loader, self.patch = loader, patch

        def create_module(self, spec):
            return self.loader.create_module(spec)

        def exec_module(self, module):
            self.loader.exec_module(module)
            self.patch(module)

    class PatchingFinder:
        def find_spec(self, name, path, target=None):
            if name not in patches:
                return None
            for finder in _sys.meta_path:
                if finder is not self and hasattr(finder, "find_spec"):
                    spec = finder.find_spec(name, path, target)
                    if spec is not None:
                        spec.loader = Patching(spec.loader, patches[name])
                        return spec
            return None

    for name, patch in patches.items():
        if name in _sys.modules:
            patch(_sys.modules[name])
    _sys.meta_path.insert(0, PatchingFinder())

    params = Params()

    # Each entity's state as the engine holds it, in marshal's format: the host sends a state only when it changed on
    # its side, and every call loads a fresh value, so no object outlives the call that owns it. (Keeping the loaded
    # value and copying it, as the JavaScript prelude does, was no faster warm and slower cold: GraalPy interprets
    # a copy written in Python where marshal.loads is a builtin.)
    kept = {}

    def inbox():  # one field at a time: a scalar content crosses as itself, anything else in marshal's format
        messages = []
        for i in range(host.inboxSize()):
            encoded = host.inboxEncoded(i)
            content = host.inboxScalar(i) if encoded is None else loads(encoded)
            messages.append(Message({"from": host.inboxFrom(i), "kind": host.inboxKind(i),
                                     "content": None if content is None else content,  # not a ForeignNone
                                     "sent_at": host.inboxSentAt(i)}))
        return messages

    def call(kind, id, script, time, state_json, params_json, warm):  # warm: see the JavaScript prelude's one
        # one entity: init or update; values in marshal text (see loads); or forget an entity's kept state; "run"
        # updates a run of entities of this script (see run)
        nonlocal params
        if kind == "forget":
            kept.pop(id, None)
            return None
        if params_json is not None:
            params = freeze(loads(params_json))
        if kind == "run":
            return run(script, time)
        if state_json is not None:
            kept[id] = state_json
        text = kept[id]
        return one(kind, id, script, time, loads(text), text, inbox() if kind == "update" else None)

    host_next, host_chunk = host.next, host.chunk  # read once, as the API members' calls are

    def run(script, time):
        # asks the host for the next entity after each (the host resets the budgets between them) and takes their
        # ids, states and inboxes a chunk at a time: [[id, state or None when kept here, [message, ...]], ...]
        chunk, fresh, result = None, None, None
        while True:
            k = host_next(result)
            if k == -1:
                return None
            if k == -2:
                chunk, k = loads(host_chunk()), 0
                fresh = copies([entry[0] for entry in chunk if entry[1] is None])
            id, state, messages = chunk[k]
            if state is None:
                text, state = kept[id], fresh[id]
            else:
                text = kept[id] = dumps(state)
            # messages None: the host's to read (it sends inboxes in the chunk only while the prelude is interpreted)
            result = one("update", id, script, time, state, text,
                         inbox() if messages is None else list(map(Message, messages)) if messages else [])

    def copies(ids):
        # a fresh value of each kept state, all in one load: a marshal list (version 2 has no back-references) is
        # "[", its length as 4 bytes little-endian, then its items' texts one after another; a load per state cost
        # more than the update itself while this prelude runs in the interpreter
        if not ids:
            return {}
        n = len(ids)
        return dict(zip(ids, loads("[" + n.to_bytes(4, "little").decode("latin-1") + "".join([kept[i] for i in ids]))))

    def one(kind, id, script, time, state, before_text, messages):
        e = Entity()
        e.id, e.script, e.time, e.state, e.params = id, script, time, state, params
        fn = main.get(kind)
        if fn is not None:
            if kind == "update":
                fn(e, messages)
            else:
                fn(e)
        after = dumps(e.state)
        if after == before_text:
            return None
        kept[id] = after
        return after

    return call


_polysim_install
