#!/usr/bin/env bash
# Runs an rcusim campaign through Slurm for real on this one machine, and checks it:
#  1. builds the container image with Maven (Jib, no Docker daemon) and loads it into podman;
#  2. starts munge and a one-node Slurm cluster on localhost (slurmctld + slurmd, a private
#     configuration in a work directory; nothing under /etc is changed);
#  3. submits the campaign as a job array of SHARDS tasks (explore-array.sbatch, each task runs
#     the image under podman) and a merge job that waits for it (--dependency=afterok);
#  4. runs the same campaign unsharded with ./rcusim and compares the two reports: runs, passed
#     and failed counts, unique failures, steps, decisions, interleavings, totals, coverage and
#     each failure's signature, run count and first run must be equal (wall times aside).
# Needs root (Slurm's daemons) and Debian's slurm-wlm, munge and podman; with --install it
# installs them with apt-get. Usage:
#   deploy/slurm/run-local.sh [--install] [SCENARIO [RUNS [SHARDS [EXTRA...]]]]
# e.g. deploy/slurm/run-local.sh torture 200 4 --inject accelerate-with-current
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HERE=$ROOT/deploy/slurm
say() { printf 'run-local: %s\n' "$*"; }
die() { printf 'run-local: %s\n' "$*" >&2; exit 2; }

install=no
if [ "${1:-}" = --install ]; then install=yes; shift; fi
SCENARIO=${1:-torture}
RUNS=${2:-200}
SHARDS=${3:-4}
shift $(($# < 3 ? $# : 3))
EXTRA="$*"
SEED=1

[ "$(id -u)" = 0 ] || die "needs root: slurmctld and slurmd are started here"
missing=()
for c in sbatch slurmctld slurmd munged podman; do command -v "$c" >/dev/null || missing+=("$c"); done
if [ ${#missing[@]} -gt 0 ]; then
    [ "$install" = yes ] || die "missing ${missing[*]}: install Debian's slurm-wlm munge podman runc, or pass --install"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurm-wlm munge podman runc >/dev/null
fi
# shellcheck source=../../scripts/jdk.sh
. "$ROOT/scripts/jdk.sh"

WORK=$(mktemp -d /tmp/rcusim-slurm.XXXXXX)
OUT=$WORK/out
mkdir -p "$OUT" "$WORK/state" "$WORK/spool"
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
}
trap cleanup EXIT

# 1. The image.
say "building the image (mvn -pl scenarios -am package -Pimage -DskipTests)"
(cd "$ROOT" && mvn -q -pl scenarios -am package -Pimage -DskipTests) >"$WORK/image-build.log" 2>&1 ||
    { tail -20 "$WORK/image-build.log" >&2; die "image build failed (log: $WORK/image-build.log)"; }
TAR=$ROOT/scenarios/target/rcusim-image.tar
VERSION=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$ROOT/pom.xml" | head -1)
IMAGE=localhost/rcusim:$VERSION
podman load -q -i "$TAR" >/dev/null
say "image $IMAGE: tar $(du -h "$TAR" | cut -f1), $(podman image inspect "$IMAGE" --format '{{.Size}}') bytes unpacked"
# crun refuses hosts whose cgroups are in hybrid mode and some sandboxes forbid raising rlimits:
# try podman's defaults first, then runc with limits this shell may set (its own file limit,
# and a lower process limit: raising either needs a capability some sandboxes lack).
PODMAN=(podman run --rm --network none)
if ! "${PODMAN[@]}" "$IMAGE" --version >/dev/null 2>&1; then
    PODMAN=(podman --runtime runc run --rm --network none
            --ulimit "nofile=$(ulimit -Hn):$(ulimit -Hn)" --ulimit nproc=4096:4096)
fi
say "podman run $IMAGE --version:"
"${PODMAN[@]}" "$IMAGE" --version | sed 's/^/    /'

# 2. munge and a one-node Slurm cluster.
if ! munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
    mkdir -p /run/munge && chown munge:munge /run/munge
    [ -f /etc/munge/munge.key ] || { mungekey --create && chown munge:munge /etc/munge/munge.key; }
    runuser -u munge -- /usr/sbin/munged
fi
node=$(hostname -s)
CONF=$WORK/slurm.conf
cat >"$CONF" <<CONF
ClusterName=rcusim
SlurmctldHost=$node
SlurmUser=root
AuthType=auth/munge
StateSaveLocation=$WORK/state
SlurmdSpoolDir=$WORK/spool
SlurmctldPidFile=$WORK/slurmctld.pid
SlurmdPidFile=$WORK/slurmd.pid
SlurmctldLogFile=$WORK/slurmctld.log
SlurmdLogFile=$WORK/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
MpiDefault=none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
NodeName=$node CPUs=$(nproc) State=UNKNOWN
PartitionName=rcusim Nodes=$node Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF=$CONF
slurmctld -D -f "$CONF" >"$WORK/slurmctld.out" 2>&1 &
pids+=($!)
slurmd -D -f "$CONF" >"$WORK/slurmd.out" 2>&1 &
pids+=($!)
for _ in $(seq 60); do
    sinfo -h -o '%T' 2>/dev/null | grep -qE '^(idle|mixed|allocated)' && break
    sleep 1
done
sinfo -h -o '%T' | grep -qE '^(idle|mixed|allocated)' || die "the Slurm node did not come up (logs in $WORK)"
say "Slurm up: $(sinfo -h -o '%P %D node(s) %c CPUs %T')"

# 3. The job array and the merge job.
RCUSIM="${PODMAN[*]} -v $OUT:$OUT $IMAGE"
export RCUSIM SCENARIO RUNS SEED OUT EXTRA
cd "$WORK"
array=$(sbatch --parsable --array=0-$((SHARDS - 1)) "$HERE/explore-array.sbatch")
merge=$(sbatch --parsable --dependency=afterok:"$array" "$HERE/merge.sbatch")
say "submitted: array job $array ($SHARDS shards of $RUNS runs of $SCENARIO${EXTRA:+ $EXTRA}), merge job $merge after it"
started=$(date +%s)
while squeue -h -j "$array,$merge" 2>/dev/null | grep -q .; do sleep 2; done
state=$(scontrol show job "$merge" | sed -n 's/.*JobState=\([A-Z_]*\).*/\1/p')
[ "$state" = COMPLETED ] || { cat "$WORK"/*.out >&2 || true; die "merge job $merge ended $state (outputs in $WORK)"; }
say "Slurm route done in $(($(date +%s) - started)) s"

# 4. The unsharded campaign, and the comparison.
set +e
# shellcheck disable=SC2086 # EXTRA is a list of words
"$ROOT/rcusim" explore "$SCENARIO" --runs "$RUNS" --seed "$SEED" --out "$WORK/whole" $EXTRA >"$WORK/whole.txt" 2>&1
rc=$?
set -e
[ "$rc" -le 1 ] || { cat "$WORK/whole.txt" >&2; die "the unsharded campaign failed (exit $rc)"; }
# The report from its summary line on, without wall time, rate and the replay files' folders.
normal() {
    sed -n '/^[0-9]* runs: /,$p' "$1" |
        sed -E 's/; [0-9.]+ s wall, [0-9.]+ runs\/s//; s#(replay: \./rcusim replay ).*/#\1#'
}
normal "$OUT/merged.txt" >"$WORK/merged.norm"
normal "$WORK/whole.txt" >"$WORK/whole.norm"
if diff -u "$WORK/whole.norm" "$WORK/merged.norm" >"$WORK/diff.txt"; then
    say "merged report of $SHARDS Slurm shards = unsharded report: $(head -1 "$WORK/merged.norm")"
    say "signatures: $(grep -c '^FAILURE' "$WORK/merged.norm" || true) unique failure(s) in both"
    say "work directory: $WORK"
else
    cat "$WORK/diff.txt" >&2
    die "the merged report differs from the unsharded one (work directory: $WORK)"
fi
