#!/bin/sh
# Copies the front-end files the app serves from an `npm ci`-installed node_modules into the vendor
# directory (app/web/static/vendor/, git-ignored). One copy step for both `make assets` and the
# Dockerfile's assets stage, so the two cannot drift; the file names are app/web/assets.py's.
#
#   sh app/web/frontend/copy-vendor.sh NODE_MODULES VENDOR
set -eu
modules="${1:?usage: copy-vendor.sh NODE_MODULES VENDOR}"
vendor="${2:?usage: copy-vendor.sh NODE_MODULES VENDOR}"

rm -rf "$vendor"
mkdir -p "$vendor/swagger-ui" "$vendor/redoc" "$vendor/uplot"
cp "$modules/swagger-ui-dist/swagger-ui-bundle.js" "$modules/swagger-ui-dist/swagger-ui.css" \
   "$modules/swagger-ui-dist/LICENSE" "$vendor/swagger-ui/"
cp "$modules/redoc/LICENSE" "$vendor/redoc/"
# ReDoc's one remote fetch is the Redocly logo; an empty data: URL makes it hide the logo, loading nothing.
sed 's#https://cdn.redoc.ly/redoc/logo-mini.svg#data:,#' "$modules/redoc/bundles/redoc.standalone.js" \
    > "$vendor/redoc/redoc.standalone.js"
if grep -q 'cdn.redoc.ly' "$vendor/redoc/redoc.standalone.js"; then
    echo "copy-vendor: cdn.redoc.ly is still named in redoc.standalone.js" >&2
    exit 1
fi
cp "$modules/uplot/dist/uPlot.iife.min.js" "$modules/uplot/dist/uPlot.min.css" \
   "$modules/uplot/LICENSE" "$vendor/uplot/"
