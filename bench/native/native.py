"""The bench workloads written by hand for CPython: no framework, a list of entities, a dict per state,
one inbox list per entity per tick.
usage: python3 native.py WORKLOAD N WARMUP_TICKS BLOCKS TICKS_PER_BLOCK   -> one JSON line on stdout"""
import json
import random
import sys
import time

workload = sys.argv[1]
n, warmup, blocks, per = (int(a) for a in sys.argv[2:6])
WORK, FANOUT = 1000, 10

if workload == "wealth":
    states = [{"wealth": 1} for _ in range(n)]
elif workload == "compute":
    states = [{"x": 0.3, "acc": 0.0} for _ in range(n)]
else:
    states = [{"sum": 0} for _ in range(n)]
next_inbox = [[] for _ in range(n)]


def send(sender, to, kind, content):
    next_inbox[to].append({"from": sender, "kind": kind, "content": content})


def wealth(i, s, msgs):
    for m in msgs:
        s["wealth"] += m["content"]
    if s["wealth"] > 0:
        s["wealth"] -= 1
        send(i, random.randint(0, n - 1), "coin", 1)


def compute(i, s, msgs):
    x, acc = s["x"], s["acc"]
    for _ in range(WORK):
        x = 3.9 * x * (1 - x)
        acc = acc + x * x
    s["x"] = x
    s["acc"] = acc


def chatter(i, s, msgs):
    for m in msgs:
        s["sum"] += m["content"]
    for k in range(1, FANOUT + 1):
        send(i, random.randint(0, n - 1), "ping", k)


update = {"wealth": wealth, "compute": compute, "chatter": chatter}[workload]


def tick():
    global next_inbox
    current = next_inbox
    next_inbox = [[] for _ in range(n)]
    for i in range(n):
        update(i, states[i], current[i])


def run(ticks):
    t0 = time.perf_counter()
    for _ in range(ticks):
        tick()
    return (time.perf_counter() - t0) * 1000


warm = run(warmup)
times = [run(per) for _ in range(blocks)]
key = {"wealth": "wealth", "compute": "x", "chatter": "sum"}[workload]
check = sum(s[key] for s in states) + sum(m["content"] for box in next_inbox for m in box)
print(json.dumps({"warmup_ms": warm, "block_ms": times, "check": check}))
