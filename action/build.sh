#!/usr/bin/env bash
# Builds keyguard from the action's own checkout (no registry package needed).
set -euo pipefail
cd "${GITHUB_ACTION_PATH:-$(dirname "$0")/..}"
command -v pnpm >/dev/null || npm i -g pnpm@10 >/dev/null
pnpm install --frozen-lockfile --prod=false >/dev/null
pnpm run build >/dev/null
