# Summit positions API. Three stages: `assets` installs the web explorer's third-party front-end
# files with Debian's Node.js and npm (`npm ci`: the versions and integrity hashes of
# app/web/frontend/package-lock.json) and copies the served ones with the Makefile's own step
# (app/web/frontend/copy-vendor.sh); `build` installs the package, those files included, and its
# dependencies into a virtualenv; the final stage is the plain base image plus that virtualenv, the
# migrations and the seed data, run as a non-root user (no Node.js). At start it migrates and seeds
# the database (both idempotent) in the volume /var/lib/summit, then serves on 0.0.0.0:8000.
#
#   docker build -t summit-positions .            # python:3.11-slim
#   docker run -p 8000:8000 -v summit-data:/var/lib/summit summit-positions
#
# BASE_IMAGE may be any Debian-like image with Python >= 3.11 and its venv module (python3 on PATH,
# useradd present): `make docker-test` builds with a local stand-in where no registry is reachable.
ARG BASE_IMAGE=python:3.11-slim

# Front-end assets, in a stage of their own: Node.js and npm never reach the final image, and this
# stage is rebuilt only when package.json, package-lock.json or the copy step change. Only the
# served packages are installed (--omit=dev: the TypeScript kit and axe-core are for the tests).
# --legacy-peer-deps: the lock file holds no peer dependencies (ReDoc's React, MobX, styled-components:
# its standalone bundle carries its own), which npm would otherwise want in it; --ignore-scripts: no
# served file needs one (the only install script is @scarf/scarf's install analytics). Both as in
# the Makefile.
FROM ${BASE_IMAGE} AS assets
RUN apt-get update -qq \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src/app/web/frontend
COPY app/web/frontend/package.json app/web/frontend/package-lock.json app/web/frontend/copy-vendor.sh ./
RUN npm ci --omit=dev --legacy-peer-deps --ignore-scripts --no-audit --no-fund --loglevel=error \
    && sh copy-vendor.sh node_modules /vendor \
    && rm -rf node_modules ~/.npm

FROM ${BASE_IMAGE} AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 PYTHONDONTWRITEBYTECODE=1
# binutils for `strip` (debug symbols are a quarter of the dependencies' size); skipped where the
# base has no apt-get.
RUN if ! command -v strip >/dev/null && command -v apt-get >/dev/null; then \
        apt-get update -qq && apt-get install -y -qq --no-install-recommends binutils >/dev/null \
        && rm -rf /var/lib/apt/lists/*; \
    fi
# A virtualenv: the same in both stages' base (its python links to the base's), and Debian's pip
# refuses system-wide installs (PEP 668).
RUN python3 -m venv /opt/venv
WORKDIR /src
# Dependencies first, in a layer of their own: changing app/ doesn't reinstall them.
COPY pyproject.toml README.md ./
RUN mkdir app && touch app/__init__.py \
    && /opt/venv/bin/pip install --quiet . \
    && /opt/venv/bin/pip uninstall --quiet -y summit-positions \
    && rm -rf app build *.egg-info \
    && if command -v strip >/dev/null; then \
        find /opt/venv -name '*.so' -type f ! -path '*.libs/*' -exec strip --strip-unneeded {} +; \
    fi
COPY app ./app
# The served front-end files are package data (pyproject.toml): in place before the install.
COPY --from=assets /vendor ./app/web/static/vendor
# The final image runs no pip: drop it and setuptools (~15 MB), and precompile the bytecode
# (the runtime user cannot write it next to the sources).
RUN /opt/venv/bin/pip install --quiet --no-deps . \
    && /opt/venv/bin/pip uninstall --quiet -y pip setuptools \
    && find /opt/venv -name '__pycache__' -prune -exec rm -rf {} + \
    && /opt/venv/bin/python -m compileall -q -j 0 /opt/venv/lib

FROM ${BASE_IMAGE}
ENV PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1 \
    PATH=/opt/venv/bin:$PATH \
    HOST=0.0.0.0 PORT=8000 \
    DATA_DIR=/app/data MIGRATIONS_DIR=/app/migrations \
    DATABASE_URL=sqlite:////var/lib/summit/summit.sqlite3
RUN useradd --create-home --home-dir /home/summit --uid 10001 --user-group --shell /usr/sbin/nologin summit \
    && mkdir -p /var/lib/summit && chown summit:summit /var/lib/summit
COPY --from=build /opt/venv /opt/venv
WORKDIR /app
COPY migrations ./migrations
COPY data ./data

USER summit
EXPOSE 8000
VOLUME ["/var/lib/summit"]
# Checks the port the server was told to use (PORT), on the container's loopback.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import os, sys, urllib.request; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:%s/health' % os.environ.get('PORT', '8000'), timeout=4).status == 200 else 1)"]

CMD ["sh", "-c", "summit db upgrade && summit seed && exec summit serve --host \"$HOST\" --port \"$PORT\""]
