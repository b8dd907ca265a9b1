#!/bin/bash
# Retakes the README's screenshots: the window filling a screen of
# 1024x600, 1366x768 and 1920x1080 in English and of 1366x768 in Chinese,
# each with a TCP server tab that echoes, two python3 clients connected and a
# few exchanges in its traffic table. Every shot runs on a private Xvfb with
# its own empty settings, so nothing of the user's saved layout shows.
# main-window.png, the README's first picture and the AppStream metainfo's
# screenshot, is the 1366x768 English one.
#
#   packaging/screenshots/take.sh [PROGRAM [OUTPUT_DIR]]
#
# PROGRAM defaults to build/socket-workbench, OUTPUT_DIR to this folder.
# Needs xvfb-run and xauth (xvfb), import (imagemagick), python3 and
# fonts-noto-cjk.
set -euo pipefail

# One shot, run inside xvfb-run: the window at the screen's size, traffic,
# then the whole screen.
if [ "${1:-}" = "--inside" ]; then
    shift
    program=$1 size=$2 language=$3 png=$4 work=$5
    "$program" -geometry "$size+0+0" --language "$language" \
        --tcp-server 127.0.0.1:0 --reply echo > "$work/stdout" 2> "$work/stderr" &
    app=$!
    trap 'kill $app 2> /dev/null || true; wait $app 2> /dev/null || true' EXIT
    port=
    for _ in $(seq 200); do
        port=$(sed -n 's/^tcp-server listening local=127\.0\.0\.1:\([0-9]*\).*/\1/p' "$work/stdout" | head -n 1)
        [ -n "$port" ] && break
        sleep 0.1
    done
    [ -n "$port" ] || { echo "take.sh: the program did not listen" >&2; cat "$work/stderr" >&2; exit 1; }
    # Two clients that say a few things (each send waits for its echo, so
    # every one is a row of its own) and stay connected for the shot.
    python3 - "$port" "$work/ready" <<'PY' &
import socket, sys, time
port, ready = int(sys.argv[1]), sys.argv[2]
messages = [
    b"hello\r\n",
    b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
    "你好，世界\n".encode("utf-8"),
    b"\x00\x01\x02\xfe\xff",
    b"a literal \\n and a newline\n",
    b"ping 1\n",
    b"ping 2\n",
]
clients = [socket.create_connection(("127.0.0.1", port)) for _ in range(2)]
for i, m in enumerate(messages):
    c = clients[i % 2]
    c.sendall(m)
    got = b""
    while len(got) < len(m):
        chunk = c.recv(4096)
        if not chunk:
            sys.exit("take.sh: the server closed a client")
        got += chunk
open(ready, "w").close()
time.sleep(60)
PY
    client=$!
    trap 'kill $app $client 2> /dev/null || true; wait $app $client 2> /dev/null || true' EXIT
    for _ in $(seq 200); do
        [ -e "$work/ready" ] && break
        sleep 0.1
    done
    [ -e "$work/ready" ] || { echo "take.sh: the clients did not finish" >&2; exit 1; }
    # The clients table and the status line refresh a few times a second.
    sleep 2
    import -window root "$png"
    exit 0
fi

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
program=$(realpath "${1:-$top/build/socket-workbench}")
out=$(realpath "${2:-$here}")
for tool in xvfb-run import python3; do
    command -v "$tool" > /dev/null || { echo "take.sh: $tool is missing" >&2; exit 1; }
done
[ -x "$program" ] || { echo "take.sh: no program at $program (build it first)" >&2; exit 1; }

shoot() {
    local size=$1 language=$2 name=$3
    local work
    work=$(mktemp -d)
    mkdir -p "$work/config" "$work/runtime"
    chmod 700 "$work/runtime"
    XDG_CONFIG_HOME="$work/config" XDG_RUNTIME_DIR="$work/runtime" QT_QPA_PLATFORM=xcb \
        xvfb-run -a -s "-screen 0 ${size}x24" \
        "$0" --inside "$program" "$size" "$language" "$out/$name" "$work"
    rm -rf "$work"
    echo "$out/$name"
}

shoot 1024x600 en window-1024x600.png
shoot 1366x768 en window-1366x768.png
shoot 1920x1080 en window-1920x1080.png
shoot 1366x768 zh_CN window-1366x768-zh_CN.png
cp "$out/window-1366x768.png" "$out/main-window.png"
echo "$out/main-window.png"
