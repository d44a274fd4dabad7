#!/usr/bin/env bash
# Benchmark `recap build` against Hugo and a plain `cp -r` of recap's output (and of
# Hugo's), on synthetic corpora of 1,000 and 10,000 recaps (bench/gen_corpus.py).
#
#   bash bench/run.sh                     # N = 1000 10000
#   BENCH_SIZES="1000" bash bench/run.sh  # just one size
#
# Environment: BENCH_SIZES (default "1000 10000"), BENCH_SEED (42),
# BENCH_RUNS (3), RECAP (target/release/recap), HUGO (hugo), HYPERFINE (hyperfine).
# Everything goes to target/bench/: corpusN/, hugoN/ (inputs, generated once),
# outN/, hugo-outN/, cpN/ (outputs), hyperfine-N.{json,md}, time-*-N.txt and
# summary.md. Hugo is optional: without it the Hugo runs are skipped.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
BENCH=target/bench
SIZES=${BENCH_SIZES:-"1000 10000"}
SEED=${BENCH_SEED:-42}
RUNS=${BENCH_RUNS:-3}
RECAP=${RECAP:-target/release/recap}
HUGO=${HUGO:-hugo}
HYPERFINE=${HYPERFINE:-hyperfine}
mkdir -p "$BENCH"

# --- tools -------------------------------------------------------------------
if [ ! -x "$RECAP" ] && [ "$RECAP" = target/release/recap ] && command -v cargo >/dev/null; then
    echo ">> $RECAP not built yet: cargo build --release"
    cargo build --release --quiet
fi
if [ ! -x "$RECAP" ]; then
    echo "error: $RECAP not found (cargo build --release, or set RECAP=...)" >&2
    exit 1
fi

HAVE_HUGO=0
if command -v "$HUGO" >/dev/null 2>&1; then
    HAVE_HUGO=1
    echo ">> $("$HUGO" version | head -n 1)"
else
    echo "!! hugo is not installed (apt-get install hugo): skipping every Hugo run;"
    echo "!! recap is still measured against cp."
fi

HAVE_HYPERFINE=0
if command -v "$HYPERFINE" >/dev/null 2>&1; then
    HAVE_HYPERFINE=1
else
    echo "!! hyperfine is not installed (apt-get install hyperfine): timing with a"
    echo "!! plain loop instead (1 warmup + $RUNS runs, same JSON fields)."
fi

GNU_TIME=/usr/bin/time
if ! "$GNU_TIME" -v true >/dev/null 2>&1; then
    GNU_TIME=""
    echo "!! GNU time (/usr/bin/time -v) not available (apt-get install time): no peak memory."
fi

# --- helpers -----------------------------------------------------------------

# Is the generated input for N complete? (N .txt files, and N .md + hugo.toml)
have_input() {
    local n=$1 txt md
    txt=$(find "$BENCH/corpus$n" -maxdepth 1 -name '*.txt' 2>/dev/null | wc -l)
    md=$(find "$BENCH/hugo$n/content/sessions" -maxdepth 1 -name '[0-9]*.md' 2>/dev/null | wc -l)
    [ "$txt" -eq "$n" ] && [ "$md" -eq "$n" ] && [ -f "$BENCH/hugo$n/hugo.toml" ]
}

# Fallback when hyperfine is missing: writes the subset of hyperfine's JSON
# that the summary reads. Usage: loop_bench OUT.json name cmd prepare [...]
loop_bench() {
    local out=$1; shift
    local first=1
    printf '{"results": [' >"$out"
    while [ $# -gt 0 ]; do
        local name=$1 cmd=$2 prepare=$3; shift 3
        bash -c "$prepare"; bash -c "$cmd" >/dev/null  # warmup
        local times=() t0 t1
        for _ in $(seq "$RUNS"); do
            bash -c "$prepare"
            t0=$(date +%s%N); bash -c "$cmd" >/dev/null; t1=$(date +%s%N)
            times+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.6f", (b-a)/1e9}')")
        done
        local csv; csv=$(IFS=,; echo "${times[*]}")
        local mean; mean=$(echo "$csv" | awk -F, '{s=0; for(i=1;i<=NF;i++) s+=$i; printf "%.6f", s/NF}')
        echo "  $name: mean ${mean}s over $RUNS runs"
        [ $first -eq 1 ] || printf ',' >>"$out"
        first=0
        printf '{"command": "%s", "mean": %s, "times": [%s]}' "$name" "$mean" "$csv" >>"$out"
    done
    printf ']}\n' >>"$out"
}

# Peak memory of one run: /usr/bin/time -v, report kept in time-NAME-N.txt
peak_mem() {
    local name=$1 n=$2 cmd=$3
    local report="$BENCH/time-$name-$n.txt"
    rm -f "$report"
    [ -n "$GNU_TIME" ] || return 0
    if ! "$GNU_TIME" -v -o "$report" bash -c "$cmd" >/dev/null; then
        echo "error: '$cmd' failed (see $report)" >&2
        return 1
    fi
    echo "  $name: $(grep 'Maximum resident' "$report" | sed 's/^[[:space:]]*//')"
}

# --- run ---------------------------------------------------------------------
for N in $SIZES; do
    echo
    echo "=== N=$N"
    CORPUS=$BENCH/corpus$N
    HUGO_SRC=$BENCH/hugo$N
    OUT=$BENCH/out$N
    HUGO_OUT=$ROOT/$BENCH/hugo-out$N   # absolute: hugo resolves -d against -s
    CP_OUT=$BENCH/cp$N
    rm -f "$BENCH"/time-{recap,hugo,cp}-"$N".txt "$BENCH"/hyperfine-"$N".{json,md}

    if have_input "$N"; then
        echo ">> reusing $CORPUS and $HUGO_SRC"
    else
        echo ">> generating $CORPUS and $HUGO_SRC (seed $SEED)"
        python3 bench/gen_corpus.py --n "$N" --seed "$SEED" --out "$CORPUS" --hugo "$HUGO_SRC"
    fi

    # recap: a rebuild over its previous output (unchanged files are kept,
    # the everyday case) and a fresh build into an empty folder. Folders are
    # removed in hyperfine's --prepare step, outside the timing.
    RECAP_CMD="$RECAP build --seeds $CORPUS --out $OUT"
    FRESH_OUT=$BENCH/fresh$N
    FRESH_CMD="$RECAP build --seeds $CORPUS --out $FRESH_OUT"
    HUGO_CMD="$HUGO --quiet -s $HUGO_SRC -d $HUGO_OUT"
    CP_CMD="cp -r $OUT $CP_OUT"

    # one plain run each first: checks that the commands work, gives peak RSS,
    # and leaves $OUT in place for the cp runs
    echo ">> peak memory (one run each)"
    peak_mem recap "$N" "$RECAP_CMD"
    [ ! -d "$OUT" ] && { echo "error: recap wrote no $OUT" >&2; exit 1; }
    if [ $HAVE_HUGO -eq 1 ]; then peak_mem hugo "$N" "$HUGO_CMD"; fi
    rm -rf "$CP_OUT"
    peak_mem cp "$N" "$CP_CMD"

    echo ">> wall time (1 warmup + $RUNS runs)"
    # name, command, what to do before each run (not timed)
    NAMED=(recap "$RECAP_CMD" true)
    NAMED+=(recap-fresh "$FRESH_CMD" "rm -rf $FRESH_OUT")
    [ $HAVE_HUGO -eq 1 ] && NAMED+=(hugo "$HUGO_CMD" true)
    NAMED+=(cp "$CP_CMD" "rm -rf $CP_OUT")
    # Copying Hugo's own (smaller) output: the least any generator writing
    # that site could take on this disk.
    [ $HAVE_HUGO -eq 1 ] && NAMED+=(cp-hugo "cp -r $HUGO_OUT $CP_OUT" "rm -rf $CP_OUT")
    if [ $HAVE_HYPERFINE -eq 1 ]; then
        ARGS=()
        for ((i = 0; i < ${#NAMED[@]}; i += 3)); do
            ARGS+=(--prepare "${NAMED[i+2]}" -n "${NAMED[i]}" "${NAMED[i+1]}")
        done
        "$HYPERFINE" --warmup 1 --runs "$RUNS" \
            --export-json "$BENCH/hyperfine-$N.json" \
            --export-markdown "$BENCH/hyperfine-$N.md" \
            "${ARGS[@]}"
    else
        loop_bench "$BENCH/hyperfine-$N.json" "${NAMED[@]}"
    fi
    rm -rf "$FRESH_OUT" "$CP_OUT"
done

# --- summary -----------------------------------------------------------------
echo
python3 - "$BENCH" "$SIZES" <<'PY'
import json, os, re, sys

bench, sizes = sys.argv[1], [int(s) for s in sys.argv[2].split()]
tools = ["recap", "recap-fresh", "hugo", "cp", "cp-hugo"]
wall, rss = {}, {}
for n in sizes:
    path = os.path.join(bench, f"hyperfine-{n}.json")
    if os.path.exists(path):
        for r in json.load(open(path))["results"]:
            wall[(r["command"], n)] = r["mean"]
    for t in tools:
        p = os.path.join(bench, f"time-{t}-{n}.txt")
        if os.path.exists(p):
            m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", open(p).read())
            if m:
                rss[(t, n)] = int(m.group(1)) / 1024

def s(v, fmt="{:.3f}"):
    return fmt.format(v) if v is not None else "—"

def ratio(a, b):
    return f"{a / b:.2f}x" if a is not None and b else "—"

lines = ["| N | recap s | recap fresh s | hugo s | cp s | cp hugo s | recap/hugo | fresh/hugo | recap/cp | fresh/cp | cp hugo/hugo | recap MiB | hugo MiB |",
         "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
for n in sizes:
    w = {t: wall.get((t, n)) for t in tools}
    m = {t: rss.get((t, n)) for t in tools}
    lines.append(f"| {n} | {s(w['recap'])} | {s(w['recap-fresh'])} | {s(w['hugo'])} | {s(w['cp'])} | {s(w['cp-hugo'])} | "
                 f"{ratio(w['recap'], w['hugo'])} | {ratio(w['recap-fresh'], w['hugo'])} | "
                 f"{ratio(w['recap'], w['cp'])} | {ratio(w['recap-fresh'], w['cp'])} | "
                 f"{ratio(w['cp-hugo'], w['hugo'])} | "
                 f"{s(m['recap'], '{:.0f}')} | {s(m['hugo'], '{:.0f}')} |")
if len(sizes) >= 2:
    lo, hi = sizes[0], sizes[-1]
    lines.append("")
    lines.append(f"Scaling {hi}/{lo} (wall): " + ", ".join(
        f"{t} {ratio(wall.get((t, hi)), wall.get((t, lo)))}" for t in tools)
        + f"  (input grew {hi / lo:.0f}x)")
    lines.append(f"Scaling {hi}/{lo} (peak RSS): " + ", ".join(
        f"{t} {ratio(rss.get((t, hi)), rss.get((t, lo)))}" for t in tools))
if not any(t == "hugo" for t, _ in wall):
    lines.append("")
    lines.append("Hugo was not installed: its columns are empty.")
text = "\n".join(lines)
print("== Summary: mean wall time over the measured runs; peak RSS of one run")
print(text)
with open(os.path.join(bench, "summary.md"), "w") as f:
    f.write("# recap benchmark\n\n" + text + "\n")
print(f"\n(written to {bench}/summary.md; details in {bench}/hyperfine-N.md)")
PY
