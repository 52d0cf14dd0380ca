#!/bin/sh
# every INTERVAL COMMAND [ARG...]: run COMMAND now and then again INTERVAL after each run ends,
# until stopped. INTERVAL is anything sleep(1) takes: 43200, 720m, 12h. The image installs this
# as /usr/local/bin/every; compose.yaml runs `every 12h observatory poll --benchmark` with it.
#
# SIGTERM or SIGINT (docker stop) is passed to a run in progress, which then starts no new call,
# commits what completed and exits; this script waits for that and exits 0. A run's exit code
# does not stop the loop: 1 (drift confirmed) is a finding, 4 (another run held the state
# directory) a skipped run, and anything else is logged and retried at the next interval.
set -u
if [ "$#" -lt 2 ]; then
  echo "usage: every INTERVAL COMMAND [ARG...]" >&2
  exit 2
fi
interval=$1
shift
case $interval in
  '' | *[!0-9.smhd]* | [!0-9]*)
    echo "every: not an interval: $interval (e.g. 12h, 720m, 43200)" >&2
    exit 2
    ;;
esac

pid=
stopping=
trap 'stopping=1; [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null' TERM INT

while [ -z "$stopping" ]; do
  "$@" &
  pid=$!
  wait "$pid"
  code=$?
  # A signal makes wait return early; wait again until the run has really finished.
  while kill -0 "$pid" 2>/dev/null; do
    wait "$pid"
    code=$?
  done
  pid=
  if [ -n "$stopping" ]; then
    echo "every: stopped ($1 exited $code)" >&2
    break
  fi
  case $code in
    0) ;;
    1) echo "every: $1 exited 1: behaviour drift confirmed (see its events above)" >&2 ;;
    4) echo "every: $1 exited 4: another run held the state directory; skipped" >&2 ;;
    *) echo "every: $1 exited $code; next run in $interval" >&2 ;;
  esac
  sleep "$interval" &
  pid=$!
  wait "$pid"
  kill "$pid" 2>/dev/null
  pid=
done
exit 0
