#!/usr/bin/env bash
# Hunts a rare native crash (issue 31, item 6: one SIGSEGV in about 1,100 short runs): many short
# runs of the program, one at a time, with core dumps on, and SIGINT or SIGTERM sent at a random
# moment of start-up. Every outcome is counted by command and exit code; a run that ends with an
# exit code other than its command's documented one keeps its output folder and stderr.
#
#   scripts/crash-hunt.sh [ROUNDS]            default 50 rounds of 7 runs (compare every 10th round)
#   scripts/crash-hunt.sh --focus RUNS LANES  only the reported run (train seq-sketch --epochs 1 into a
#                                             unicode folder), RUNS in each of LANES parallel lanes
#   HUNT_ENV="DOTNET_GCgen0size=10000"        extra environment for every run (here: a collection every 64 KB)
#   HUNT_DIR=/tmp/hunt scripts/crash-hunt.sh  where logs, dumps and outputs go (default /tmp/crash-hunt)
#   TORCHLAB_DLL=path/TorchLab.dll            the build to hunt in (default the Release build)
#
# Reads: $HUNT_DIR/runs.tsv (one line a run), $HUNT_DIR/summary.txt (counts), $HUNT_DIR/dumps/.
# The mixed rounds run one at a time, so that they find the machine as its users have it; the focus
# lanes run side by side, so that start-up races meet a busy machine as well.
set -u
focus=0 lanes=1
if [[ ${1:-} == --focus ]]; then focus=1 rounds=${2:?runs} lanes=${3:-1}; else rounds=${1:-50}; fi
root=$(cd "$(dirname "$0")/.." && pwd)
dll=${TORCHLAB_DLL:-$root/src/TorchLab/bin/Release/net10.0/TorchLab.dll}
hunt=${HUNT_DIR:-/tmp/crash-hunt}
[[ -f $dll ]] || { echo "no build at $dll: dotnet build src/TorchLab -c Release" >&2; exit 2; }
mkdir -p "$hunt/dumps" "$hunt/kept"
log=$hunt/runs.tsv
[[ -f $log ]] || printf 'run\tcase\tdelay_ms\texit\tms\tnote\n' > "$log"

# The runtime writes a dump of its own when it crashes (createdump), and the kernel a core file.
export DOTNET_DbgEnableMiniDump=1 DOTNET_DbgMiniDumpType=2 DOTNET_DbgMiniDumpName=$hunt/dumps/core.%p
ulimit -c unlimited

# A unicode folder name, as in the report (one per lane), and weights for predict and summary.
lane=0
out=$hunt/ünïcødé-ヘビ
weights=$hunt/weights
data=$root/data
sequence=ACGTTGCAACGTTGCAACGTTGCAACGTTGCAACGTTGCAACGTTGCAACGTTGCAACGT
if [[ ! -f $weights/model.pt ]]; then
  dotnet "$dll" train seq-sketch --epochs 1 --data "$data" --out "$weights" > /dev/null || { echo "could not train $weights" >&2; exit 1; }
fi

n=$(( $(wc -l < "$log") - 1 ))
# One run: CASE EXPECTED-EXITS SIGNAL(or -) ARGS...; the signal goes 50-800 ms after the start.
# EXPECTED-EXITS is a regular expression: predict has no step to stop at, so a SIGTERM either
# ends it as a signal does (143) or finds it finishing (0); both are clean ends, 139 is not.
# env --default-signal undoes an inherited ignore of SIGINT (a background job of a script has it).
run() {
  local case=$1 expected=$2 signal=$3; shift 3
  local delay=- start=$(date +%s%N) folder=$hunt/now$lane
  rm -rf "$folder"; mkdir -p "$folder"
  ( cd "$folder" && exec env --default-signal=INT,TERM ${HUNT_ENV:-} dotnet "$dll" "$@" ) > "$folder/stdout" 2> "$folder/stderr" &
  local pid=$!
  if [[ $signal != - ]]; then
    delay=$(( 50 + RANDOM % 751 ))
    sleep "$(printf '0.%03d' "$delay")"
    kill -s "$signal" "$pid" 2> /dev/null
  fi
  wait "$pid"
  local code=$? ms=$(( ($(date +%s%N) - start) / 1000000 )) note=ok
  n=$((n + 1))
  local id=$n
  (( focus )) && id=$lane.$n
  if [[ ! $code =~ ^($expected)$ ]]; then
    note=UNEXPECTED
    mv "$folder" "$hunt/kept/$id-$case"
    cp -r "$out" "$hunt/kept/$id-$case/out" 2> /dev/null
    ls -d "$(dirname "$out")"/.*staging* >> "$hunt/kept/$id-$case/stderr" 2> /dev/null
  fi
  # One short line, appended: lanes writing at once do not interleave within it.
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$id" "$case${HUNT_ENV:+ ($HUNT_ENV)}" "$delay" "$code" "$ms" "$note" >> "$log"
  rm -rf "$out" "$out".* "$(dirname "$out")"/.ünïcødé-ヘビ* 2> /dev/null
}

if (( focus )); then
  for ((lane = 1; lane <= lanes; lane++)); do
    (
      mkdir -p "$hunt/lane$lane"
      out=$hunt/lane$lane/ünïcødé-ヘビ
      # A later hunt in the same folder goes on numbering this lane's runs.
      n=$(awk -F'\t' -v lane="$lane" 'split($1, id, ".") == 2 && id[1] == lane' "$log" | wc -l)
      for ((i = 1; i <= rounds; i++)); do
        while [[ -f $hunt/pause ]]; do sleep 2; done
        run train 0 - train seq-sketch --epochs 1 --data "$data" --out "$out"
      done
    ) &
  done
  wait
  rounds=0
fi

for ((round = 1; round <= rounds; round++)); do
  # touch $HUNT_DIR/pause to hold the hunt between runs (while timing something else), rm to go on
  while [[ -f $hunt/pause ]]; do sleep 2; done
  run train 0 - train seq-sketch --epochs 1 --data "$data" --out "$out"
  run predict 0 - predict seq-sketch "$sequence" --weights "$weights"
  run summary 0 - summary seq-sketch --data "$data" --weights "$weights"
  run info 0 - info
  run train-sigint 130 INT train seq-sketch --epochs 1 --data "$data" --out "$out"
  run train-sigterm 143 TERM train seq-sketch --epochs 1 --data "$data" --out "$out"
  run predict-sigterm "0|143" TERM predict seq-sketch "$sequence" --weights "$weights"
  (( round % 10 == 0 )) && run compare 0 - compare --data "$data" --out "$out"
done

# Counts by case and exit code, and the bound a clean count gives (the rule of three, 95 %).
{
  awk -F'\t' 'NR > 1 { count[$2 "\texit " $4]++; total[$2]++; all++ }
    END { for (k in count) print k "\t" count[k]; for (c in total) print c "\ttotal\t" total[c];
          print "all\ttotal\t" all }' "$log" | sort
  bad=$(awk -F'\t' 'NR > 1 && $6 != "ok"' "$log" | wc -l)
  runs=$(( $(wc -l < "$log") - 1 ))
  echo "unexpected exits: $bad of $runs runs"
  (( bad == 0 )) && awk -v n="$runs" 'BEGIN { printf "no crash: the rate is below %.2g a run (3/N, 95 %%)\n", 3 / n }'
  ls "$hunt/dumps" 2> /dev/null | sed 's/^/dump: /'
} | tee "$hunt/summary.txt"
