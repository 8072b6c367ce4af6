#!/usr/bin/env bash
# Builds keyguard from the action's own checkout (no registry package needed). Quiet when it
# works; when a command fails, its output goes to the log and the step fails with its status.
set -euo pipefail
cd "${GITHUB_ACTION_PATH:-$(dirname "$0")/..}"
log="$(mktemp "${RUNNER_TEMP:-${TMPDIR:-/tmp}}/keyguard-build.XXXXXX")"
trap 'rm -f "$log"' EXIT
quietly() {
  local status=0
  "$@" >"$log" 2>&1 || status=$?
  if [ "$status" -ne 0 ]; then
    cat "$log" >&2
    echo "::error title=keyguard build failed::$* failed (exit code $status)"
    exit "$status"
  fi
}
command -v pnpm >/dev/null || quietly npm i -g pnpm@10
quietly pnpm install --frozen-lockfile --prod=false
quietly pnpm run build
