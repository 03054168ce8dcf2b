#!/usr/bin/env bash
# `make docker-test`: builds the real Dockerfile and runs the built image the way a container would,
# without a container runtime (this machine's OCI runtime cannot set rlimits, and no registry is
# reachable):
#   1. a stand-in base image for python:3.11-slim (.ci/docker-base.sh; made once, then cached),
#   2. `podman build` of ./Dockerfile with BASE_IMAGE set to it,
#   3. the image's root filesystem (podman create + podman mount) with a volume directory bound on
#      /var/lib/summit, and the image's CMD started by chroot as the image's USER, with the image's
#      ENV and WORKDIR (HOST/PORT point it at a free loopback port, as `-p 127.0.0.1:P:8000` would),
#   4. checks: /health, the image's own HEALTHCHECK command, no Node.js in the image, the web
#      explorer (GET / is the HTML start page; /docs, /redoc and a topic page's charts load every
#      script and stylesheet they name from the app, each 200 and non-empty, with the year-long
#      immutable Cache-Control), the Taiwan positions (Putin's one-China sentence),
#      `summit keys create` in the image, POST /v1/documents with that key,
#   5. a restart on a new container from the same image and volume: the document is still there.
#
#   BASE_IMAGE=python:3.11-slim .ci/docker-test.sh     # use a real base where a registry is reachable
#   KEEP_IMAGE=0 removes the built image afterwards (the stand-in base and build cache stay).
set -euo pipefail
cd "$(dirname "$0")/.."
start_time=$SECONDS
say() { printf 'docker-test: %s\n' "$*" >&2; }

IMAGE="${IMAGE:-localhost/summit-positions:docker-test}"
BASE_IMAGE="${BASE_IMAGE:-$(.ci/docker-base.sh | tail -n 1)}"   # also installs podman etc. when missing
command -v curl >/dev/null || { apt-get update -qq && apt-get install -y -qq curl >/dev/null; }

say "building $IMAGE on $BASE_IMAGE"
build_start=$SECONDS
previous="$(podman image inspect --format '{{.Id}}' "$IMAGE" 2>/dev/null || true)"
# --format docker keeps HEALTHCHECK in the image config (OCI image configs have no such field).
podman build --isolation=chroot --network=host --format docker \
    --build-arg BASE_IMAGE="$BASE_IMAGE" -t "$IMAGE" . >&2
say "built in $((SECONDS - build_start)) s"
# The image this tag named before is now untagged: drop it (the build's layer cache stays).
if [[ -n "$previous" && "$previous" != "$(podman image inspect --format '{{.Id}}' "$IMAGE")" ]]; then
    podman rmi "$previous" >/dev/null 2>&1 || true
fi

# The image's config, as a container engine would read it.
image_json="$(podman image inspect "$IMAGE")"
# Docker keeps the healthcheck in Config.Healthcheck, podman's inspect beside it.
cfg() { python3 -c 'import json,sys; i=json.loads(sys.argv[1])[0]; c=dict(i["Config"]); c["Healthcheck"] = c.get("Healthcheck") or i.get("Healthcheck") or i.get("HealthCheck"); exec(sys.argv[2])' "$image_json" "$1"; }
user="$(cfg 'print(c.get("User") or "root")')"
workdir="$(cfg 'print(c.get("WorkingDir") or "/")')"
mapfile -t image_env < <(cfg 'print("\n".join(c.get("Env") or []))')
mapfile -t image_cmd < <(cfg 'print("\n".join((c.get("Entrypoint") or []) + (c.get("Cmd") or [])))')
mapfile -t health_cmd < <(cfg 'h=(c.get("Healthcheck") or {}).get("Test") or []; print("\n".join(h[1:] if h[:1]==["CMD"] else (["sh","-c",h[1]] if h[:1]==["CMD-SHELL"] else [])))')
[[ "$user" != root && "$user" != 0 && "$user" != 0:* ]] || { say "FAIL: the image runs as root"; exit 1; }
((${#health_cmd[@]})) || { say "FAIL: the image has no HEALTHCHECK"; exit 1; }
say "USER=$user WORKDIR=$workdir CMD=${image_cmd[*]}"

work="$(mktemp -d /tmp/summit-docker-test.XXXXXX)"
volume="$work/volume"          # what `-v DIR:/var/lib/summit` would bind
mkdir -p "$volume"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
base_url="http://127.0.0.1:$port"
cid="" root="" server_pid=""

stop_server() {
    if [[ -n "$server_pid" ]]; then
        kill -TERM "$server_pid" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.2; done
        kill -KILL "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
        server_pid=""
    fi
}
remove_container() {
    stop_server
    if [[ -n "$root" ]]; then
        mountpoint -q "$root/var/lib/summit" && { umount "$root/var/lib/summit" || umount -l "$root/var/lib/summit"; }
        root=""
    fi
    if [[ -n "$cid" ]]; then
        podman umount "$cid" >/dev/null 2>&1 || true
        podman rm -f "$cid" >/dev/null 2>&1 || true
        cid=""
    fi
}
cleanup() {
    local rc=$?
    remove_container
    if ((rc != 0)) && [[ -f "$work/server.log" ]]; then say "server log:"; tail -n 40 "$work/server.log" >&2; fi
    rm -rf "$work"
    [[ "${KEEP_IMAGE:-1}" == 1 ]] || podman rmi -f "$IMAGE" >/dev/null 2>&1 || true
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A new container's root filesystem, with the volume bound and the few device nodes a process
# expects (in the container's own layer: removed with it).
new_container() {
    cid="$(podman create --no-healthcheck "$IMAGE" 2>/dev/null)"
    root="$(podman mount "$cid")"
    mkdir -p "$root/dev" "$root/var/lib/summit"
    for dev in "null c 1 3" "zero c 1 5" "random c 1 8" "urandom c 1 9"; do
        set -- $dev
        [[ -e "$root/dev/$1" ]] || mknod -m 666 "$root/dev/$1" "$2" "$3" "$4"
    done
    mount --bind "$volume" "$root/var/lib/summit"
    # USER as uid:gid, looked up in the image's own passwd/group files.
    local name="${user%%:*}" group="${user#*:}"
    uid="$(awk -F: -v u="$name" '$1==u || $3==u {print $3; exit}' "$root/etc/passwd")"
    gid="$(awk -F: -v u="$name" '$1==u || $3==u {print $4; exit}' "$root/etc/passwd")"
    home="$(awk -F: -v u="$name" '$1==u || $3==u {print $6; exit}' "$root/etc/passwd")"
    if [[ "$user" == *:* ]]; then gid="$(awk -F: -v g="$group" '$1==g || $3==g {print $3; exit}' "$root/etc/group")"; fi
    [[ -n "$uid" && -n "$gid" ]] || { say "FAIL: USER $user is not in the image's /etc/passwd"; exit 1; }
    # A named volume starts as a copy of the image's directory, owned as in the image.
    chown "$(stat -c %u:%g "$root/var/lib/summit")" "$volume" 2>/dev/null || true
    [[ "$(stat -c %u "$volume")" == "$uid" ]] || chown "$uid:$gid" "$volume"
}

# Runs a command in the image's root filesystem as USER, with the image's ENV and WORKDIR only.
in_image() {
    ${exec_in_image:+exec} env -i "$(command -v chroot)" --userspec="$uid:$gid" --groups="$gid" "$root" \
        /usr/bin/env -i -C "$workdir" HOME="${home:-/}" "${image_env[@]}" HOST=127.0.0.1 PORT="$port" "$@"
}

start_server() {
    # exec: $! is then the server itself (the CMD execs it), not a subshell around it.
    ( exec_in_image=1 in_image "${image_cmd[@]}" ) >>"$work/server.log" 2>&1 &
    server_pid=$!
    for _ in $(seq 120); do
        kill -0 "$server_pid" 2>/dev/null || { say "FAIL: the CMD exited"; exit 1; }
        [[ "$(curl -s -o /dev/null -w '%{http_code}' "$base_url/health")" == 200 ]] && return 0
        sleep 0.5
    done
    say "FAIL: /health did not answer 200 within 60 s"; exit 1
}

passed=0
check() { passed=$((passed + 1)); say "ok: $*"; }

# --- first start ------------------------------------------------------------------------------
new_container
say "starting the CMD as $user ($uid:$gid) on $base_url"
start_server
check "/health 200"
in_image "${health_cmd[@]}" >&2 || { say "FAIL: the image's HEALTHCHECK command failed"; exit 1; }
check "HEALTHCHECK command exits 0"
libpq="$(in_image python -c 'import psycopg; print(psycopg.pq.version())')" \
    || { say "FAIL: the PostgreSQL driver (docs/compose.yaml's) does not load in the image"; exit 1; }
check "psycopg loads in the image (libpq $libpq)"
! in_image sh -c 'command -v node || command -v nodejs || command -v npm' >&2 \
    || { say "FAIL: Node.js or npm is in the final image (only the assets stage should have them)"; exit 1; }
check "no Node.js or npm in the image"

# The web explorer: the start page, and every asset the docs pages and a chart page name, from the app.
web="$(python3 - "$base_url" <<'EOF'
import re, sys, urllib.request
from html.parser import HTMLParser

base = sys.argv[1]
IMMUTABLE = "public, max-age=31536000, immutable"

def get(path):
    with urllib.request.urlopen(base + path, timeout=30) as r:
        return r.status, r.headers, r.read()

class Assets(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls = []
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script" and a.get("src"):
            self.urls.append(a["src"])
        elif tag == "link" and a.get("href") and a.get("rel") in ("stylesheet", "icon"):
            self.urls.append(a["href"])

status, headers, body = get("/")
html = body.decode()
assert status == 200 and headers.get_content_type() == "text/html", (status, headers.get_content_type())
assert "<h1>What world leaders say to each other</h1>" in html and "/topics/taiwan" in html, "GET / is not the start page"

# page -> the vendored files it must name (our own files it names are checked the same way)
pages = {
    "/docs": ["swagger-ui/swagger-ui-bundle.js", "swagger-ui/swagger-ui.css"],
    "/redoc": ["redoc/redoc.standalone.js"],
    "/topics/taiwan": ["uplot/uPlot.iife.min.js", "uplot/uPlot.min.css"],
}
seen = {}
for page, vendored in pages.items():
    status, headers, body = get(page)
    assert status == 200 and headers.get_content_type() == "text/html", (page, status)
    parser = Assets()
    parser.feed(body.decode())
    for name in vendored:
        # ?v=<hash>: the app found the file at start (a missing file's URL has no fingerprint).
        assert any(re.fullmatch(rf"/static/vendor/{re.escape(name)}\?v=[0-9a-f]{{16}}", u) for u in parser.urls), \
            f"{page} does not name a fingerprinted /static/vendor/{name}: {parser.urls}"
    for url in parser.urls:
        assert url.startswith("/static/"), f"{page} loads {url} from outside the app"
        if url in seen:
            continue
        status, headers, body = get(url)
        assert status == 200 and body, f"{url}: {status}, {len(body)} bytes"
        assert headers.get("Cache-Control") == IMMUTABLE, f"{url}: Cache-Control {headers.get('Cache-Control')!r}"
        seen[url] = len(body)
print(f"{len(seen)} assets, {sum(seen.values()) // 1000} KB")
EOF
)" || { say "FAIL: the web explorer's pages or assets"; exit 1; }
check "GET / is the HTML start page"
check "/docs, /redoc, /topics/taiwan name their scripts and styles under /static/ (vendored ones fingerprinted); $web, each 200, non-empty, Cache-Control: public, max-age=31536000, immutable"

curl -sf "$base_url/v1/topics/taiwan/positions" -o "$work/taiwan.json"
taiwan="$(python3 - "$work/taiwan.json" <<'EOF'
import json, sys
items = json.load(open(sys.argv[1]))["items"]
hits = [p for p in items if "one-China policy" in p["text"] and "vladimir-putin" in {s["slug"] for s in p["speakers"]}]
assert hits, f"no Putin one-China position among {len(items)} Taiwan positions"
print(hits[0]["text"][:90])
EOF
)"
check "GET /v1/topics/taiwan/positions has Putin's sentence: $taiwan…"

key="$(in_image summit keys create docker-test | tail -n 1 | tr -d '[:space:]')"
[[ "$key" == spk_* ]] || { say "FAIL: summit keys create printed no key"; exit 1; }
check "summit keys create in the image: ${key:0:8}…"

doc='{"text": "Chinese President Xi Jinping held a phone call with Russian President Vladimir Putin on March 3, 2022. Putin said Russia firmly adheres to the one-China principle. Xi said China supports an independent Afghanistan. Both leaders agreed to keep in close contact.", "date": "2022-03-03", "kind": "phone call", "source": "docker-test", "participants": ["xi-jinping", "vladimir-putin"]}'
status="$(curl -s -o "$work/created.json" -w '%{http_code}' -X POST "$base_url/v1/documents" \
    -H "Authorization: Bearer $key" -H 'Content-Type: application/json' -d "$doc")"
[[ "$status" == 201 ]] || { say "FAIL: POST /v1/documents answered $status: $(cat "$work/created.json")"; exit 1; }
doc_id="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$work/created.json")"
status="$(curl -s -o /dev/null -w '%{http_code}' -X POST "$base_url/v1/documents" -H 'Content-Type: application/json' -d "$doc")"
[[ "$status" == 401 ]] || { say "FAIL: a write without a key answered $status"; exit 1; }
check "POST /v1/documents with the key: 201 ($doc_id); without a key: 401"

# --- restart: a new container from the same image, the same volume -----------------------------
remove_container
ls -ln "$volume" >&2
[[ -f "$volume/summit.sqlite3" ]] || { say "FAIL: no database in the volume directory"; exit 1; }
new_container
say "restarting on a new container with the same volume"
start_server
curl -sf "$base_url/v1/documents/$doc_id" -o "$work/after.json" || { say "FAIL: document $doc_id is gone after the restart"; exit 1; }
python3 - "$work/after.json" "$doc" <<'EOF'
import json, sys
got, sent = json.load(open(sys.argv[1])), json.loads(sys.argv[2])
assert got["text"] == sent["text"], "the stored text differs"
EOF
status="$(curl -s -o /dev/null -w '%{http_code}' -X POST "$base_url/v1/documents" \
    -H "Authorization: Bearer $key" -H 'Content-Type: application/json' -d "$doc")"
[[ "$status" == 409 ]] || { say "FAIL: the same text again answered $status (409 expected: the key and document survived)"; exit 1; }
check "after the restart: document $doc_id is there, the key still works (409 on the same text)"
remove_container

size="$(podman image inspect --format '{{.Size}}' "$IMAGE")"
base_size="$(podman image inspect --format '{{.Size}}' "$BASE_IMAGE")"
say "image $IMAGE: $((size / 1000000)) MB ($(( (size - base_size) / 1000000 )) MB over the base $BASE_IMAGE, $((base_size / 1000000)) MB)"
say "$((SECONDS - start_time)) s in all"
echo "docker-test: $passed passed, 0 failed"
