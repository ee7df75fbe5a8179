#!/usr/bin/env bash
# Times one ticks case in two builds side by side, alternating, so a change's before and after share the machine's
# mood: bench/compare-builds.sh OTHER_CHECKOUT LANGUAGE WORKLOAD [N] [ROUNDS]
# Each checkout must be packaged (./mvnw -o -q -pl engine,lang-lua,lang-graal,lang-js,lang-python,mcp-server,bench
# package -DskipTests); make the other one with `git worktree add ../before <commit>`. Tracing is off
# (-Dbench.notrace=true) so the figures are of the tick itself. Prints each run's median ms per tick, and the
# median CPU time of the ticking thread, which time stolen by a shared machine's neighbours does not inflate.
set -euo pipefail
other=$(cd "$1" && pwd); language=$2; workload=$3; n=${4:-10000}; rounds=${5:-2}
here=$(cd "$(dirname "$0")/.." && pwd)
java=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
warmup=$(( (3000000 + n - 1) / n ))
for round in $(seq "$rounds"); do
  for side in "$other" "$here"; do
    result=$(cd "$side" && "$java" @mcp-server/target/polysim.args -Dbench.notrace=true \
      -cp "bench/target/polysim-bench.jar:bench/target/lib/*" org.polysim.bench.CaseRun \
      "$language" "$workload" "$n" "$warmup" 5 10 bench/workloads 2>/dev/null | grep '^RESULT' | cut -c8-)
    median=$(python3 -c 'import json,statistics,sys; r=json.loads(sys.argv[1]); m=lambda k: statistics.median(r[k]) / r["ticks_per_block"]; print("%.1f ms/tick (main thread CPU %.1f)" % (m("block_ms"), m("block_cpu_ms")) if "block_cpu_ms" in r else "%.1f ms/tick" % m("block_ms"))' "$result")
    echo "round $round  $side  $language $workload $n: $median"
  done
done
