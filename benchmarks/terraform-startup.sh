#!/usr/bin/env bash
# Times `lcscan scan terraform` on a generated plan against a bare `java -version`, the floor of any
# JVM command, and prints the ratio (the target is 5x or less). Build first:
#   mvn -B -q -DskipTests install
# (or `mvn -B -o -q -Dlc.target=target-x -pl scanner-cli -am package -DskipTests` and
# LCSCAN_JAR=scanner-cli/target-x/lcscan.jar).
# RESOURCES (default 1000) sets the plan's size, RUNS (default 5) the timed runs of each command.
# COMPARE_JAR=other/lcscan.jar also times that jar in the same run (a before/after comparison on
# a machine whose load moves), through the same bin/lcscan.
# Uses hyperfine when it is installed (apt-get install -y hyperfine), else a loop over date +%s%N.
# The first, untimed run of lcscan creates its class-data archive (see bin/lcscan).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
resources="${RESOURCES:-1000}"
runs="${RUNS:-5}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

python3 "$root/benchmarks/terraform-plan-generator.py" "$resources" > "$work/plan.json"
baseline="java -version"
scan="$root/bin/lcscan scan terraform $work/plan.json --format json --output $work/report.json"
compare="${COMPARE_JAR:+env LCSCAN_JAR=$COMPARE_JAR $scan}"
echo "plan: $resources resource instances, $(wc -c < "$work/plan.json") bytes; $(nproc) cores; $(java -version 2>&1 | head -n 1)"
echo "load average before: $(cut -d ' ' -f 1-3 /proc/loadavg)"

if command -v hyperfine > /dev/null; then
  # lcscan exits 3 on this plan (values known only after apply), hence -i
  hyperfine -N -i --warmup 1 --runs "$runs" --export-json "$work/times.json" "$baseline" "$scan" \
    ${compare:+"$compare"} >&2
  read -r java_mean scan_mean scan_cpu < <(python3 - "$work/times.json" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
java, scan = results[0], results[1]
print(java["mean"], scan["mean"], scan["user"] + scan["system"])
for other in results[2:]:
    print(f"COMPARE_JAR: {other['mean']:.3f} s (CPU {other['user'] + other['system']:.3f} s),"
          f" {other['mean'] / java['mean']:.1f}x", file=sys.stderr)
PY
)
else
  mean() {
    local total=0 start end i
    for ((i = 0; i < runs; i++)); do
      start=$(date +%s%N)
      $1 > /dev/null 2>&1 || true
      end=$(date +%s%N)
      total=$((total + end - start))
    done
    echo "scale=3; $total / $runs / 1000000000" | bc
  }
  $scan > /dev/null 2>&1 || true # warm-up: creates the class-data archive
  java_mean="$(mean "$baseline")"
  scan_mean="$(mean "$scan")"
  scan_cpu="n/a"
fi

python3 - "$java_mean" "$scan_mean" "$scan_cpu" <<'PY'
import sys
java, scan, cpu = float(sys.argv[1]), float(sys.argv[2]), sys.argv[3]
print(f"java -version:          {java:.3f} s")
print(f"lcscan scan terraform:  {scan:.3f} s" + ("" if cpu == "n/a" else f" (CPU {float(cpu):.3f} s)"))
print(f"ratio:                  {scan / java:.1f}x (target 5x)")
PY
echo "load average after: $(cut -d ' ' -f 1-3 /proc/loadavg)"
