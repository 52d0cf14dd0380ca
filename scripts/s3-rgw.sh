#!/usr/bin/env bash
# Kept in the repository (from the project's shared services) so CI and a fresh clone can start it.
# A real S3-compatible server on loopback for tests: Ceph's RADOS Gateway (radosgw) over a
# one-node Ceph cluster (one monitor, one in-memory OSD), from Debian's packages.
#
#   s3-rgw.sh start DIR [PORT]   install if missing, start, wait until it answers; prints
#                                `export` lines (endpoint, region, keys) to eval
#   s3-rgw.sh stop DIR           stop the daemons started under DIR (by their pid files)
#
# Everything (config, data, logs, pid files) lives under DIR; nothing is written elsewhere.
# Ports: PORT (default 7480) for S3, PORT+1 for the monitor. Start-up takes about 10-30 s, and
# about 30 s more the first time (apt-get install). Data is in memory: gone after stop.
#
# S3 behaviour worth knowing (Ceph 16, measured): PutObject honours `If-None-Match: *` (412 when
# the key exists) and `If-Match: <etag>` (412 when it changed), but matches If-Match only
# against the ETag WITHOUT its surrounding quotes; GetObject with If-None-Match gives 304.
# Use path-style addressing (forcePathStyle: true).
# Make a bucket from a shell (after eval of the exports):
#   curl --aws-sigv4 aws:amz:us-east-1:s3 --user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY" \
#        -H 'x-amz-content-sha256: UNSIGNED-PAYLOAD' -X PUT "$AWS_ENDPOINT_URL/my-bucket"
set -eu

cmd=${1:-}; base=${2:-}
[ -n "$cmd" ] && [ -n "$base" ] || { echo "usage: $0 start|stop DIR [PORT]" >&2; exit 2; }
base=$(mkdir -p "$base" && cd "$base" && pwd)
port=${3:-7480}
conf=$base/ceph.conf

stop() {
  for f in "$base"/run/*.pid; do
    [ -f "$f" ] || continue
    pid=$(cat "$f"); kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    rm -f "$f"
  done
}

if [ "$cmd" = stop ]; then stop; exit 0; fi
[ "$cmd" = start ] || { echo "unknown command: $cmd" >&2; exit 2; }

if ! command -v radosgw >/dev/null || ! command -v ceph-osd >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  { apt-get update -qq && apt-get install -y -qq --no-install-recommends \
      radosgw ceph-mon ceph-osd ceph-common curl; } >"$base/apt.log" 2>&1 \
    || { echo "s3-rgw: apt-get install failed, see $base/apt.log" >&2; exit 1; }
fi

stop
for p in "$port" $((port + 1)); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
    echo "s3-rgw: port $p on 127.0.0.1 is in use (another server, or one not stopped); pick another PORT" >&2
    exit 1
  fi
done
# One attempt at a cluster: a fresh fsid, monitor, OSD, gateway and user. On failure it sets
# $why and returns 1 (daemons left for stop). Ceph 16 sometimes refuses a new OSD at its first
# start ("mon_cmd_maybe_osd_create fail: 'wrong fsid'" in osd.0.log, seen once in CI and once
# right after a fresh install, never on the attempt after), so start retries from scratch.
attempt() {
  rm -rf "$base"/mon "$base"/osd "$base"/log "$base"/monmap
  mkdir -p "$base"/mon "$base"/osd/ceph-0 "$base"/run "$base"/log
  fsid=$(python3 -c 'import uuid; print(uuid.uuid4())')
  cat > "$conf" <<CONF
[global]
fsid = $fsid
mon host = v1:127.0.0.1:$((port + 1))
mon initial members = a
auth cluster required = none
auth service required = none
auth client required = none
osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 8
osd pool default pgp num = 8
osd pool default pg autoscale mode = off
mon allow pool size one = true
mon warn on pool no redundancy = false
mon max pg per osd = 1000
osd objectstore = memstore
memstore device bytes = 2147483648
osd data = $base/osd/\$cluster-\$id
mon data = $base/mon/\$cluster-\$id
run dir = $base/run
admin socket = $base/run/\$name.asok
log file = $base/log/\$name.log
pid file = $base/run/\$name.pid
ms bind ipv6 = false
[client.rgw]
rgw frontends = beast endpoint=127.0.0.1:$port tcp_nodelay=1
CONF

  monmaptool --create --add a "v1:127.0.0.1:$((port + 1))" --fsid "$fsid" "$base/monmap" >/dev/null 2>&1 \
    || { why="monmaptool failed"; return 1; }
  ceph-mon -c "$conf" --mkfs -i a --monmap "$base/monmap" >/dev/null 2>&1 || { why="mon mkfs failed"; return 1; }
  ceph-mon -c "$conf" -i a >/dev/null 2>&1 || { why="mon did not start (port $((port + 1)) busy?)"; return 1; }
  # the monitor answering must be ours (a stale one on the port has another fsid)
  [ "$(timeout 60 ceph -c "$conf" fsid 2>/dev/null)" = "$fsid" ] || { why="the monitor on port $((port + 1)) is not this cluster's"; return 1; }
  timeout 60 ceph -c "$conf" osd create >/dev/null 2>&1 || { why="osd create failed"; return 1; }
  ceph-osd -c "$conf" -i 0 --mkfs >/dev/null 2>&1 || { why="osd mkfs failed"; return 1; }
  ceph-osd -c "$conf" -i 0 >/dev/null 2>&1 || { why="osd did not start"; return 1; }
  radosgw -c "$conf" -n client.rgw >/dev/null 2>&1 || { why="radosgw did not start"; return 1; }
  up=""
  for _ in $(seq 1 120); do
    if curl -s -o /dev/null "http://127.0.0.1:$port"; then up=1; break; fi
    sleep 0.5
  done
  [ -n "$up" ] || { why="radosgw does not answer on port $port"; return 1; }
  timeout 60 radosgw-admin -c "$conf" user create --uid=observatory --display-name=observatory \
    --access-key=observatory-test-access --secret=observatory-test-secret >/dev/null 2>&1 \
    || { why="user create failed"; return 1; }
}

why=""
for try in 1 2 3; do
  if attempt; then why=""; break; fi
  stop
  [ "$try" = 3 ] || echo "s3-rgw: attempt $try: $why; trying again from scratch" >&2
done
if [ -n "$why" ]; then
  echo "s3-rgw: $why (logs in $base/log); the last lines of each:" >&2
  for f in "$base"/log/*.log; do
    [ -f "$f" ] && { echo "--- $f" >&2; tail -n 15 "$f" >&2; }
  done
  stop
  exit 1
fi
cat <<ENV
export AWS_ENDPOINT_URL=http://127.0.0.1:$port
export AWS_REGION=us-east-1
export AWS_ACCESS_KEY_ID=observatory-test-access
export AWS_SECRET_ACCESS_KEY=observatory-test-secret
ENV
