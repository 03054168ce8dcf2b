#!/usr/bin/env bash
# Makes (once) a local stand-in for `python:3.11-slim` where no image registry is reachable:
# a minimal Debian bookworm root filesystem (its Python is 3.11) made by mmdebstrap from this
# machine's Debian mirror, with this machine's CA bundle and pip and npm settings copied in so that
# pip and npm inside a build reach the same package index and registry as the host. Imported with
# `podman import`.
#
#   .ci/docker-base.sh [IMAGE]     # default localhost/summit-base:bookworm-py311
#
# Cached: made again only when its inputs change (FORCE=1 remakes it). Prints the image name last.
set -euo pipefail

IMAGE="${1:-localhost/summit-base:bookworm-py311}"
SUITE=bookworm

# Tools, installed from Debian when missing (apt-get update once, then one install).
need=()
command -v podman >/dev/null || need+=(podman)
command -v mmdebstrap >/dev/null || need+=(mmdebstrap)
command -v newuidmap >/dev/null || need+=(uidmap)
command -v curl >/dev/null || need+=(curl)
if ((${#need[@]})); then
    echo "docker-base: installing ${need[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${need[@]}" >/dev/null
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The Debian mirror this machine is configured with (deb822 .sources or one-line sources.list),
# falling back to deb.debian.org. Suites are always bookworm's, whatever the host runs.
mirror="" security=""
while read -r uri; do
    uri="${uri%/}"
    case "$uri" in
        *debian-security*|*security.debian.org*) [[ -n "$security" ]] || security="$uri" ;;
        *debian*) [[ -n "$mirror" ]] || mirror="$uri" ;;
    esac
done < <(
    { grep -hE '^[[:space:]]*URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | sed -E 's/^[[:space:]]*URIs:[[:space:]]*//' | tr ' ' '\n'
      grep -hE '^[[:space:]]*deb[[:space:]]' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
        | sed -E 's/\[[^]]*\]//' | awk '{print $2}'
    } | grep -E '^(https?|file)://' || true
)
mirror="${mirror:-http://deb.debian.org/debian}"
security="${security:-${mirror%/debian}/debian-security}"
cat >"$work/sources.list" <<EOF
deb $mirror $SUITE main
deb $mirror $SUITE-updates main
deb $security $SUITE-security main
EOF
echo "docker-base: mirror $mirror, security $security" >&2

# pip settings for the image: the host's CA bundle (a TLS-inspecting proxy's CA included) and
# the host's package index, if it names one. Host-only paths (find-links, file:// indexes) stay out.
ca=""
for f in "${PIP_CERT:-}" "${REQUESTS_CA_BUNDLE:-}" "${SSL_CERT_FILE:-}" /etc/ssl/certs/ca-certificates.crt; do
    [[ -n "$f" && -f "$f" ]] && { ca="$f"; break; }
done
{
    echo "[global]"
    [[ -n "$ca" ]] && echo "cert = /etc/ssl/certs/ca-certificates.crt"
    index="${PIP_INDEX_URL:-$(pip3 config get global.index-url 2>/dev/null || true)}"
    [[ "$index" == http* ]] && echo "index-url = $index"
    trusted="${PIP_TRUSTED_HOST:-$(pip3 config get global.trusted-host 2>/dev/null || true)}"
    [[ -n "$trusted" ]] && echo "trusted-host = $trusted"
    echo "timeout = ${PIP_DEFAULT_TIMEOUT:-120}"
    echo "disable-pip-version-check = true"
} >"$work/pip.conf"
[[ -n "$ca" ]] && cp "$ca" "$work/ca-certificates.crt"

# npm settings for the image (the Dockerfile's assets stage runs `npm ci`): the same CA bundle and
# the host's registry (as /etc/npmrc, which Debian's npm reads, and /usr/etc/npmrc, an upstream npm's).
{
    [[ -n "$ca" ]] && echo "cafile=/etc/ssl/certs/ca-certificates.crt"
    registry="${NPM_CONFIG_REGISTRY:-$(npm config get registry 2>/dev/null || true)}"
    if [[ "$registry" == http* ]]; then echo "registry=$registry"; fi
} >"$work/npmrc"

# Cached: kept while its inputs (this script, the mirror, the pip and npm settings, the CA bundle) are the same.
inputs="$(cat "$0" "$work/sources.list" "$work/pip.conf" "$work/npmrc" "$work"/ca-certificates.crt 2>/dev/null | sha256sum | cut -c1-16)"
if [[ "${FORCE:-0}" != 1 ]] \
    && [[ "$(podman image inspect --format '{{index .Labels "summit.base.inputs"}}' "$IMAGE" 2>/dev/null)" == "$inputs" ]]; then
    echo "docker-base: $IMAGE is up to date" >&2
    echo "$IMAGE"
    exit 0
fi

# The root filesystem: minbase + Python 3.11 with venv (ensurepip), no docs, no apt lists.
mmdebstrap --variant=minbase --mode=root --format=tar \
    --include=python3,python3-venv,ca-certificates \
    --aptopt='APT::Install-Recommends "false"' \
    --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' \
    --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/locale/*' \
    --dpkgopt='path-exclude=/usr/share/info/*' \
    --customize-hook="copy-in $work/pip.conf /etc" \
    --customize-hook="copy-in $work/npmrc /etc" \
    --customize-hook='mkdir -p "$1/usr/etc" && cp "$1/etc/npmrc" "$1/usr/etc/npmrc"' \
    --customize-hook='if [ -f "'"$work"'/ca-certificates.crt" ]; then cp "'"$work"'/ca-certificates.crt" "$1/etc/ssl/certs/ca-certificates.crt"; fi' \
    --customize-hook='rm -rf "$1"/var/cache/apt/* "$1"/var/lib/apt/lists/* "$1"/var/log/*.log' \
    "$SUITE" "$work/rootfs.tar" "$work/sources.list" >&2

previous="$(podman image inspect --format '{{.Id}}' "$IMAGE" 2>/dev/null || true)"
# What python:3.11-slim's config says that matters here: PATH, UTF-8, and python3 as CMD.
podman import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV LANG=C.UTF-8' \
    --change 'CMD ["python3"]' \
    --change "LABEL summit.base.inputs=$inputs" \
    "$work/rootfs.tar" "$IMAGE" >&2
# The stand-in this replaces, unless images built on it are still kept.
[[ -z "$previous" ]] || podman rmi "$previous" >/dev/null 2>&1 || true
echo "$IMAGE"
