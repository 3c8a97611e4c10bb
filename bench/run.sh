#!/usr/bin/env bash
# run.sh HOST PORT OUTDIR
#
# Adapted from the project's shared sysbench harness (../shared/bench/run.sh): adds the
# range1000_cache duplicate check (check_ranges) and the NOVERIFY knob. `go run ./bench`
# (bench/main.go) calls it once per scenario, thread count and server.
#
# Sequence / protocol micro-benchmark driver (sysbench 1.0.x + seqbench.lua).
# Prepares the schema in database $DB on HOST:PORT (user root, empty
# password), runs every scenario, writes OUTDIR/results.tsv plus raw sysbench
# logs under OUTDIR/raw/, and prints a compact table.
#
# One "statement" = one client round trip. Columns:
#   stmt/s     statements per second (sysbench events/s)
#   val/s      sequence values (or rows) per second = stmt/s * values per stmt
#   p50/p99    per-statement latency in ms (from sysbench's latency histogram)
#   srvus/st   server CPU microseconds per statement (only if SERVER_PID is set
#              and readable on this machine)
#   cliu/st    sysbench (client) CPU microseconds per statement
#   busy%      whole-machine CPU busy % during the measured run (all cores)
#   other%     CPU used by anything but server+sysbench (noisy neighbours,
#              kernel softirq not charged to either), % of all cores; needs SERVER_PID
#   fsync/st   InnoDB fsyncs per statement (Innodb_data_fsyncs delta; MariaDB only)
#   check      result of the duplicate check (see below), '-' if not applicable
#
# Duplicate checks:
#   nextval/batch scenarios with >1 thread: after the measured run, a separate
#     short run ($VDUR s, same threads) fetches and records every value; the
#     driver checks global uniqueness (dup), per-connection strict
#     monotonicity (nonmono) and reports gaps = (max-min+1)-count.
#   insert scenarios with >1 thread: a separate short run reads back every
#     generated id (LAST_INSERT_ID() / PREVIOUS VALUE FOR s) and checks that
#     no id was handed to two INSERTs (iddup); all insert scenarios then check
#     count(*) = count(distinct id) = inserts acknowledged to the clients
#     (a lower count means acknowledged rows were lost).
#
# Environment knobs (defaults in brackets):
#   DUR [10]  measured seconds per scenario     WARM [2]  warm-up seconds (discarded)
#   VDUR [3]  verification run seconds           DB [seqbench]
#   SCENARIOS [all]   space separated subset of:
#       select1 nextval_cache nextval_nocache batch100_cache batch1000_cache
#       batch100_nocache range1000_cache insert_seq insert_seq_nocache insert_ai
#       (range1000_cache: SELECT NEXT 1000 VALUES FROM s, for servers that have it; not in the default set)
#   THREADS_MANY ["1 4 16 64"]  thread counts for select1 / nextval_*
#   THREADS_FEW  ["1 16"]       thread counts for batch* / insert_*
#   SERVER_PID   pid of the server process (optional, for srvus/st)
#   SQLCLIENT    [mariadb, else mysql]
#   NOVERIFY     [unset]  1: skip the duplicate checks (check column '-')
set -euo pipefail

if [ $# -ne 3 ]; then
  echo "usage: $0 HOST PORT OUTDIR" >&2
  exit 2
fi
HOST=$1 PORT=$2 OUT=$3
HERE=$(cd "$(dirname "$0")" && pwd)
LUA=$HERE/seqbench.lua
DUR=${DUR:-10}
WARM=${WARM:-2}
VDUR=${VDUR:-3}
DB=${DB:-seqbench}
ALL="select1 nextval_cache nextval_nocache batch100_cache batch1000_cache batch100_nocache insert_seq insert_seq_nocache insert_ai"
SCENARIOS=${SCENARIOS:-$ALL}
THREADS_MANY=${THREADS_MANY:-"1 4 16 64"}
THREADS_FEW=${THREADS_FEW:-"1 16"}
SERVER_PID=${SERVER_PID:-}
if [ -z "${SQLCLIENT:-}" ]; then
  if command -v mariadb >/dev/null; then SQLCLIENT=mariadb; else SQLCLIENT=mysql; fi
fi

mkdir -p "$OUT/raw" "$OUT/verify"
RES=$OUT/results.tsv
printf 'scenario\tthreads\tvals_per_stmt\tstmt_s\tvals_s\tp50_ms\tp99_ms\tavg_ms\terrors\tsrv_us_per_stmt\tcli_us_per_stmt\tcpu_busy_pct\tother_pct\tfsync_per_stmt\tcheck\n' > "$RES"

sqlq() { # run SQL against the target, tab-separated output, no headers
  "$SQLCLIENT" --protocol=tcp -h "$HOST" -P "$PORT" -uroot -N -B "$@"
}
sqldb() { sqlq -D "$DB" -e "$1"; }

SB=(sysbench "$LUA" --db-driver=mysql --mysql-host="$HOST" --mysql-port="$PORT"
    --mysql-user=root --mysql-password= --mysql-db="$DB" --percentile=99
    --report-interval=0 --rand-seed=1)

proc_cpu_ticks() { # utime+stime of SERVER_PID in clock ticks, or empty
  [ -n "$SERVER_PID" ] && [ -r "/proc/$SERVER_PID/stat" ] || return 0
  awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$SERVER_PID/stat"
}
sys_cpu() { # "busy total" jiffies over all cpus
  awk '/^cpu /{ t=0; for(i=2;i<=NF;i++) t+=$i; print t-$5-$6, t }' /proc/stat
}
fsyncs() { # InnoDB fsync counter or empty (non-MariaDB servers)
  sqlq -e "SHOW GLOBAL STATUS LIKE 'Innodb_data_fsyncs'" 2>/dev/null | awk '{print $2}' || true
}

# parse a sysbench log: prints "events_per_s p50 p99 avg errors"
parse_sb() {
  awk '
    BEGIN                { n = 0; tot = 0 }
    /transactions:/      { gsub(/[()]/, "", $3); eps = $3 }
    /ignored errors:/    { err = $3 }
    /^ *avg:/            { avg = $2 }
    /Latency histogram/  { inh = 1; next }
    inh && /\|/          { v[n] = $1; c[n] = $NF; tot += $NF; n++ }
    inh && /^$/          { inh = 0 }
    END {
      p50 = p99 = "nan"; cum = 0
      for (i = 0; i < n; i++) {
        cum += c[i]
        if (p50 == "nan" && cum >= 0.50 * tot) p50 = v[i]
        if (p99 == "nan" && cum >= 0.99 * tot) p99 = v[i]
      }
      printf "%s %s %s %s %s\n", eps, p50, p99, avg, (err == "" ? 0 : err)
    }' "$1"
}

# run_one NAME THREADS VALS_PER_STMT CHECKFN sysbench-args...
run_one() {
  local name=$1 thr=$2 vps=$3 checkfn=$4; shift 4
  local log=$OUT/raw/${name}_t${thr}.log
  # warm-up (also establishes that the scenario works at all)
  "${SB[@]}" --threads="$thr" --time="$WARM" "$@" run > "$OUT/raw/${name}_t${thr}.warm.log" 2>&1 || {
    echo "warm-up failed for $name t=$thr, see $OUT/raw/${name}_t${thr}.warm.log" >&2; tail -5 "$OUT/raw/${name}_t${thr}.warm.log" >&2; return 1; }
  local c0 c1 s0 s1 f0 f1
  f0=$(fsyncs); c0=$(proc_cpu_ticks); s0=$(sys_cpu); w0=$(date +%s.%N)
  /usr/bin/time -f '%U %S' -o "$log.cputime" \
    "${SB[@]}" --threads="$thr" --time="$DUR" --histogram=on "$@" run > "$log" 2>&1 || {
    echo "run failed for $name t=$thr, see $log" >&2; tail -5 "$log" >&2; return 1; }
  w1=$(date +%s.%N); s1=$(sys_cpu); c1=$(proc_cpu_ticks); f1=$(fsyncs)
  local eps p50 p99 avg err
  read -r eps p50 p99 avg err < <(parse_sb "$log")
  local events
  events=$(awk '/transactions:/{print $2}' "$log")
  local srvus="-" busy="-" fps="-" cliu="-" other="-" srvcpu=0 clicpu
  local hz; hz=$(getconf CLK_TCK)
  if [ -n "$c0" ] && [ -n "$c1" ]; then
    srvcpu=$(awk -v a="$c0" -v b="$c1" -v hz="$hz" 'BEGIN{ printf "%.3f", (b-a)/hz }')
    srvus=$(awk -v c="$srvcpu" -v e="$events" 'BEGIN{ printf "%.1f", c*1e6/e }')
  fi
  clicpu=$(awk 'NF==2 && $1 ~ /^[0-9.]+$/ { printf "%.3f", $1+$2 }' "$log.cputime")
  cliu=$(awk -v c="$clicpu" -v e="$events" 'BEGIN{ printf "%.1f", c*1e6/e }')
  busy=$(awk -v a="$s0" -v b="$s1" 'BEGIN{ split(a,x," "); split(b,y," "); printf "%.0f", 100*(y[1]-x[1])/(y[2]-x[2]) }')
  if [ -n "$c0" ]; then
    # CPU used by everything except the server and sysbench, % of all cores
    other=$(awk -v a="$s0" -v b="$s1" -v hz="$hz" -v s="$srvcpu" -v c="$clicpu" -v w0="$w0" -v w1="$w1" -v n="$(nproc)" \
      'BEGIN{ split(a,x," "); split(b,y," "); o = (y[1]-x[1])/hz - s - c; if (o < 0) o = 0; printf "%.0f", 100*o/((w1-w0)*n) }')
  fi
  if [ -n "$f0" ] && [ -n "$f1" ]; then
    fps=$(awk -v a="$f0" -v b="$f1" -v e="$events" 'BEGIN{ printf "%.3f", (b-a)/e }')
  fi
  local check="-"
  if [ "$checkfn" != "-" ] && [ -z "${NOVERIFY:-}" ]; then check=$("$checkfn" "$name" "$thr" "$@"); fi
  local vs
  vs=$(awk -v e="$eps" -v k="$vps" 'BEGIN{ printf "%.2f", e*k }')
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' \
    "$name" "$thr" "$vps" "$eps" "$vs" "$p50" "$p99" "$avg" "$err" "$srvus" "$cliu" "$busy" "$other" "$fps" "$check" >> "$RES"
  printf '%-20s %3s thr  %10.0f stmt/s %10.0f val/s  p50 %7s  p99 %7s  %s\n' "$name" "$thr" "$eps" "$vs" "$p50" "$p99" "$check" >&2
}

# verification run for nextval/batch (only meaningful with >1 thread)
check_values() {
  local name=$1 thr=$2; shift 2
  [ "$thr" -gt 1 ] || { echo "-"; return; }
  local d=$OUT/verify/${name}_t${thr}
  rm -rf "$d"; mkdir -p "$d"
  "${SB[@]}" --threads="$thr" --time="$VDUR" "$@" --verify_dir="$d" run > "$d/sysbench.log" 2>&1 || { echo "verify-run-failed"; return; }
  local nonmono dup stats
  nonmono=$(awk '/^VERIFY/{ split($4, a, "="); s += a[2] } END { print s+0 }' "$d/sysbench.log")
  dup=$(cat "$d"/t*.txt | sort -n | uniq -d | wc -l)
  stats=$(cat "$d"/t*.txt | awk 'NR==1{mn=$1;mx=$1} {n++; if($1<mn)mn=$1; if($1>mx)mx=$1} END{printf "%d %d", n, (mx-mn+1)-n}')
  local n gaps; read -r n gaps <<< "$stats"
  rm -f "$d"/t*.txt   # keep only the log; the value dumps can be large
  if [ "$dup" -eq 0 ] && [ "$nonmono" -eq 0 ]; then
    echo "ok(n=$n,dup=0,nonmono=0,gaps=$gaps)"
  else
    echo "FAIL(n=$n,dup=$dup,nonmono=$nonmono,gaps=$gaps)"
  fi
}

# verification run for range1000_cache: each statement returns the first of BATCH contiguous
# values; ranges handed out must not overlap (overlap = two first values less than BATCH apart)
# and each connection's ranges must increase (nonmono).
check_ranges() {
  local name=$1 thr=$2; shift 2
  [ "$thr" -gt 1 ] || { echo "-"; return; }
  local batch=$BATCH
  local d=$OUT/verify/${name}_t${thr}
  rm -rf "$d"; mkdir -p "$d"
  "${SB[@]}" --threads="$thr" --time="$VDUR" "$@" --verify_dir="$d" run > "$d/sysbench.log" 2>&1 || { echo "verify-run-failed"; return; }
  local nonmono res
  nonmono=$(awk '/^VERIFY/{ split($4, a, "="); s += a[2] } END { print s+0 }' "$d/sysbench.log")
  res=$(cat "$d"/t*.txt | sort -n | awk -v b="$batch" 'NR > 1 && $1 - p < b { o++ } { p = $1; n++ } END { printf "%d %d", n, o }')
  rm -f "$d"/t*.txt
  local n overlap; read -r n overlap <<< "$res"
  if [ "$overlap" -eq 0 ] && [ "$nonmono" -eq 0 ]; then
    echo "ok(n=$n,overlap=0,nonmono=0)"
  else
    echo "FAIL(n=$n,overlap=$overlap,nonmono=$nonmono)"
  fi
}

# insert scenarios: with >1 thread, first a verification run ($VDUR s) that
# reads back each generated id (IDQUERY) and checks that no id was handed to
# two INSERTs; then the table itself: count(*) = count(distinct id) and
# count(*) = inserts acknowledged to clients (warm-up + measured + verify).
check_table() {
  local name=$1 thr=$2; shift 2
  local tbl idq vres="" vacked=0
  read -r tbl idq < "$OUT/.cur_table"
  if [ "$thr" -gt 1 ]; then
    local d=$OUT/verify/${name}_t${thr}
    rm -rf "$d"; mkdir -p "$d"
    if "${SB[@]}" --threads="$thr" --time="$VDUR" "$@" --verify_dir="$d" --idquery="$idq" run > "$d/sysbench.log" 2>&1; then
      vacked=$(awk '/transactions:/{print $2}' "$d/sysbench.log")
      local dup; dup=$(cat "$d"/t*.txt | sort -n | uniq -d | wc -l)
      local nonmono; nonmono=$(awk '/^VERIFY/{ split($4, a, "="); s += a[2] } END { print s+0 }' "$d/sysbench.log")
      rm -f "$d"/t*.txt
      vres=",iddup=$dup,nonmono=$nonmono"
      [ "$dup" -eq 0 ] || vres="$vres!"
    else
      vres=",verify-run-failed!"
    fi
  fi
  local acked
  acked=$(( $(awk '/transactions:/{print $2}' "$OUT/raw/${name}_t${thr}.warm.log") + \
            $(awk '/transactions:/{print $2}' "$OUT/raw/${name}_t${thr}.log") + vacked ))
  local r; r=$(sqldb "SELECT COUNT(*), COUNT(DISTINCT id), MIN(id), MAX(id) FROM $tbl")
  local n nd mn mx; read -r n nd mn mx <<< "$r"
  local gaps=$(( mx - mn + 1 - n ))
  local body="n=$n,distinct=$nd,acked=$acked,gaps=$gaps$vres"
  if [ "$n" = "$nd" ] && [ "$n" = "$acked" ] && [[ "$vres" != *"!"* ]]; then echo "ok($body)"; else echo "FAIL($body)"; fi
}

prep_common() {
  sqlq -e "CREATE DATABASE IF NOT EXISTS $DB"
}
prep_seq() {
  sqldb "CREATE OR REPLACE SEQUENCE s_cache START WITH 1 INCREMENT BY 1 CACHE 1000;
         CREATE OR REPLACE SEQUENCE s_nocache START WITH 1 INCREMENT BY 1 NOCACHE;"
}
prep_insert() { # prep_insert TABLE KIND   (KIND: seq_cache | seq_nocache | ai)
  local t=$1 kind=$2 idq
  case $kind in
    seq_cache)   sqldb "DROP TABLE IF EXISTS $t; CREATE OR REPLACE SEQUENCE s_ins_cache CACHE 1000;
                        CREATE TABLE $t (id BIGINT NOT NULL DEFAULT (NEXT VALUE FOR s_ins_cache) PRIMARY KEY, c INT NOT NULL)"
                 idq="SELECT PREVIOUS VALUE FOR s_ins_cache" ;;
    seq_nocache) sqldb "DROP TABLE IF EXISTS $t; CREATE OR REPLACE SEQUENCE s_ins_nocache NOCACHE;
                        CREATE TABLE $t (id BIGINT NOT NULL DEFAULT (NEXT VALUE FOR s_ins_nocache) PRIMARY KEY, c INT NOT NULL)"
                 idq="SELECT PREVIOUS VALUE FOR s_ins_nocache" ;;
    ai)          sqldb "DROP TABLE IF EXISTS $t;
                        CREATE TABLE $t (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, c INT NOT NULL)"
                 idq="SELECT LAST_INSERT_ID()" ;;
  esac
  echo "$t $idq" > "$OUT/.cur_table"
}

{
  echo "# run.sh $HOST $PORT  date=$(date -Is)  host=$(hostname)  nproc=$(nproc)"
  echo "# DUR=$DUR WARM=$WARM VDUR=$VDUR SCENARIOS=$SCENARIOS"
  echo "# server: $(sqlq -e 'SELECT VERSION()' 2>/dev/null || echo '?')"
  echo "# sysbench: $(sysbench --version)"
} > "$OUT/meta.txt"

prep_common
case " $SCENARIOS " in *" nextval_"*|*" batch"*|*" range"*) prep_seq ;; esac

for sc in $SCENARIOS; do
  case $sc in
    select1)
      for t in $THREADS_MANY; do run_one select1 "$t" 1 - --scenario=select1; done ;;
    nextval_cache)
      for t in $THREADS_MANY; do run_one nextval_cache "$t" 1 check_values --scenario=nextval --seq=s_cache; done ;;
    nextval_nocache)
      for t in $THREADS_MANY; do run_one nextval_nocache "$t" 1 check_values --scenario=nextval --seq=s_nocache; done ;;
    batch100_cache)
      for t in $THREADS_FEW; do run_one batch100_cache "$t" 100 check_values --scenario=batch --batch=100 --seq=s_cache; done ;;
    batch1000_cache)
      for t in $THREADS_FEW; do run_one batch1000_cache "$t" 1000 check_values --scenario=batch --batch=1000 --seq=s_cache; done ;;
    batch100_nocache)
      for t in $THREADS_FEW; do run_one batch100_nocache "$t" 100 check_values --scenario=batch --batch=100 --seq=s_nocache; done ;;
    range1000_cache)
      for t in $THREADS_FEW; do BATCH=1000 run_one range1000_cache "$t" 1000 check_ranges --scenario=range --batch=1000 --seq=s_cache; done ;;
    insert_seq)
      for t in $THREADS_FEW; do prep_insert t_seq seq_cache; run_one insert_seq "$t" 1 check_table --scenario=insert --table=t_seq; done ;;
    insert_seq_nocache)
      for t in $THREADS_FEW; do prep_insert t_seqnc seq_nocache; run_one insert_seq_nocache "$t" 1 check_table --scenario=insert --table=t_seqnc; done ;;
    insert_ai)
      for t in $THREADS_FEW; do prep_insert t_ai ai; run_one insert_ai "$t" 1 check_table --scenario=insert --table=t_ai; done ;;
    *) echo "unknown scenario $sc" >&2; exit 2 ;;
  esac
done
rm -f "$OUT/.cur_table"

# compact table
{
  cat "$OUT/meta.txt"
  awk -F'\t' 'NR==1 { printf "%-18s %4s %10s %11s %8s %8s %8s %8s %5s %6s %8s  %s\n", "scenario","thr","stmt/s","val/s","p50ms","p99ms","srvus/st","cliu/st","busy%","other%","fsync/st","check"; next }
              { printf "%-18s %4s %10.0f %11.0f %8s %8s %8s %8s %5s %6s %8s  %s\n", $1,$2,$4,$5,$6,$7,$10,$11,$12,$13,$14,$15 }' "$RES"
} | tee "$OUT/table.txt"
