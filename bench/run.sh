#!/usr/bin/env bash
# SPEC §9, row 1: expand a year of a synthetic plan (1,000 units × 20 tasks)
# against a bare loop of robfig Schedule.Next over the same specs; goal ≤ 2×.
#
# The benchmark binary is built once, then the figure and its baseline run
# in alternating rounds (one process per round, -benchtime 1x), so that a
# machine getting busier or quieter weighs on both sides alike; the ratio
# is of the medians. The deadline variant (reported, no goal) and the
# memory-versus-horizon figures run once: the first is slow, the second is
# not a timing. About 3 minutes on 2 cores.
#
#   bench/run.sh                      # everything
#   ROUNDS=9 bench/run.sh             # more rounds of the figure
#   DEADLINE_ROUNDS=0 HORIZON_ROUNDS=0 bench/run.sh   # the figure alone
#   PROFILE=1 bench/run.sh            # and a CPU profile of one expansion
#
# Raw output is kept in bench/out/ (ignored by git); the ratio line never
# fails the script: the goal is reported, not enforced.
set -euo pipefail

cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-5}
DEADLINE_ROUNDS=${DEADLINE_ROUNDS:-1}
HORIZON_ROUNDS=${HORIZON_ROUNDS:-1}
PROFILE=${PROFILE:-0}

out=bench/out
mkdir -p "$out"
raw="$out/expand-$(date +%Y%m%d-%H%M%S).txt"
bin="$out/bench.test"

{
	# What was measured: the plan package may hold uncommitted work.
	echo "# commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
	git status --short -- plan go.mod 2>/dev/null | sed 's/^/# changed /' || true
	echo "# $(go version), $(nproc) CPUs, rounds=$ROUNDS"
} >"$raw"

go build -o "$out/ratio" ./bench/cmd/ratio
go test -c -o "$bin" ./bench

round() { # round REGEXP: run the benchmarks once, append to the raw output
	local tmp="$out/round.txt"
	if ! "$bin" -test.run '^$' -test.bench "$1" -test.benchmem -test.benchtime 1x >"$tmp" 2>&1; then
		cat "$tmp" >&2
		exit 1
	fi
	cat "$tmp" >>"$raw"
	grep '^Benchmark' "$tmp" || true
}

for ((i = 1; i <= ROUNDS; i++)); do
	echo "round $i/$ROUNDS" >&2
	round '^(BenchmarkExpandYear|BenchmarkBaselineCronNext)$'
done
for ((i = 1; i <= DEADLINE_ROUNDS; i++)); do
	echo "deadline variant $i/$DEADLINE_ROUNDS" >&2
	round '^(BenchmarkExpandDeadlinesYear|BenchmarkBaselineDueNext)$'
done
for ((i = 1; i <= HORIZON_ROUNDS; i++)); do
	echo "horizon $i/$HORIZON_ROUNDS" >&2
	round '^BenchmarkExpandHorizon$'
done
if [[ $PROFILE == 1 ]]; then
	# A separate run, so that profiling does not slow the rounds above.
	prof="$out/expand-cpu.prof"
	"$bin" -test.run '^$' -test.bench '^BenchmarkExpandYear$' -test.benchtime 1x -test.cpuprofile "$prof" >/dev/null
	echo
	echo "CPU profile of one expansion ($prof), plan package:"
	go tool pprof -top -cum -focus 'bench\.expand$' "$bin" "$prof" 2>/dev/null |
		grep -E 'flat%|plan\.|cron/v3|container/heap' | head -25
fi
cp "$raw" "$out/expand-latest.txt"

echo
echo "raw output: $raw"
echo
"$out/ratio" -table "$raw"
echo
# The goal is on time (ns/op); CPU time (cpu-ns/op) is shown beside it
# because it holds still when other jobs share the machine.
"$out/ratio" -num BenchmarkExpandYear -den BenchmarkBaselineCronNext -goal-max 2.0 -label expand/cron-next "$raw"
"$out/ratio" -num BenchmarkExpandYear -den BenchmarkBaselineCronNext -goal-max 2.0 -metric cpu-ns/op \
	-label 'expand/cron-next, CPU time' "$raw"
if ((DEADLINE_ROUNDS > 0)); then
	"$out/ratio" -num BenchmarkExpandDeadlinesYear -den BenchmarkBaselineDueNext -label expand-deadlines/due-next "$raw"
	"$out/ratio" -num BenchmarkExpandDeadlinesYear -den BenchmarkBaselineDueNext -metric cpu-ns/op \
		-label 'expand-deadlines/due-next, CPU time' "$raw"
fi
if ((HORIZON_ROUNDS > 0)); then
	# "Memory independent of the horizon": what the iterator keeps after a
	# collection must not grow from 1 to 12 months. The peak includes
	# uncollected garbage, so it moves with the collector, not the horizon.
	"$out/ratio" -num 'BenchmarkExpandHorizon/months=12' -den 'BenchmarkExpandHorizon/months=1' \
		-metric live-heap-B -goal-max 1.10 -label 'live heap 12/1 months' "$raw"
	"$out/ratio" -num 'BenchmarkExpandHorizon/months=12' -den 'BenchmarkExpandHorizon/months=1' \
		-metric peak-heap-B -label 'peak heap 12/1 months' "$raw"
fi
