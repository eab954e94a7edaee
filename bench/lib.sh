# shellcheck shell=bash
# What bench/run.sh and bench/run-delivery.sh share; sourced by each from
# the repository's root. Before sourcing, a script sets:
#   ROWS    the rows asked for, and known: the rows it measures
#   prefix  what its files in bench/out start with, so that the two
#           scripts may run side by side ("" or "delivery-")
# It then has out, stamp, bin (the benchmark binary's path), ratio_bin,
# summary and raw (the raw file of the row being measured), and the
# functions below.

for row in $ROWS; do
	if [[ " $known " != *" $row "* ]]; then
		echo "$0: unknown row $row in ROWS ($known)" >&2
		exit 2
	fi
done

out=bench/out
mkdir -p "$out"
stamp=$(date +%Y%m%d-%H%M%S)
bin="$out/${prefix}bench.test"
ratio_bin="$out/${prefix}ratio"
summary="$out/summary-${prefix}$stamp.txt"
: >"$summary"
raw=""

wants() { [[ " $ROWS " == *" $1 "* ]]; }

header() { # header FILE PATHS...: what was measured, at the top of a raw file
	local file=$1
	shift
	{
		# The packages measured may hold uncommitted work.
		echo "# commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
		git status --short -- "$@" go.mod 2>/dev/null | sed 's/^/# changed /' || true
		echo "# $(go version), $(nproc) CPUs, tmpdir=${TMPDIR:-/tmp} ($(df -T "${TMPDIR:-/tmp}" | awk 'NR==2 {print $2}'))"
	} >"$file"
}

round() { # round REGEXP [FLAGS...]: run the benchmarks once, append to $raw
	local tmp="$out/${prefix}round.txt" re=$1
	shift
	if ! "$bin" -test.run '^$' -test.bench "$re" -test.benchmem -test.benchtime 1x "$@" >"$tmp" 2>&1; then
		cat "$tmp" >&2
		exit 1
	fi
	if grep -q -- '--- SKIP' "$tmp"; then
		cat "$tmp" >&2
		echo "$0: a benchmark was skipped" >&2
		exit 1
	fi
	cat "$tmp" >>"$raw"
	grep '^Benchmark' "$tmp" || true
}

ratio() { # ratio FLAGS...: a ratio line of $raw, kept for the summary
	"$ratio_bin" "$@" "$raw" | tee -a "$summary"
}
