# Slim image: installs the package, migrates and seeds the database at start, serves on 0.0.0.0:8000.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    HOST=0.0.0.0 PORT=8000 \
    DATA_DIR=/app/data MIGRATIONS_DIR=/app/migrations \
    DATABASE_URL=sqlite:////var/lib/summit/summit.sqlite3

WORKDIR /app
COPY pyproject.toml README.md ./
COPY app ./app
RUN pip install . && useradd --create-home --uid 10001 summit && mkdir -p /var/lib/summit && chown summit /var/lib/summit
COPY migrations ./migrations
COPY data ./data

USER summit
EXPOSE 8000
VOLUME ["/var/lib/summit"]
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD python -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/health', timeout=4).status == 200 else 1)"

CMD ["sh", "-c", "summit db upgrade && summit seed && exec summit serve --host \"$HOST\" --port \"$PORT\""]
