#!/usr/bin/env bash
# The action's scan step: INPUT_* variables in, the report file and step outputs out.
# Exit status: 0 unless keyguard itself failed (exit 2); findings are reported through the
# "verdict" output so SARIF can still be uploaded before the job fails.
set -uo pipefail
bin="${KEYGUARD_BIN:?KEYGUARD_BIN is not set}"
format="${INPUT_FORMAT:-sarif}"
output="${INPUT_OUTPUT:-keyguard.sarif}"
args=(scan --format "$format" --output "$output" --no-progress)
[ -n "${INPUT_BASELINE:-}" ] && args+=(--baseline "$INPUT_BASELINE")
[ -n "${INPUT_CONFIG:-}" ] && args+=(--config "$INPUT_CONFIG")
if [ -n "${INPUT_HISTORY:-}" ]; then
  if [ "$INPUT_HISTORY" = "all" ]; then args+=(--history); else args+=("--history=$INPUT_HISTORY"); fi
else
  read -r -a paths <<<"${INPUT_PATHS:-.}"
  args+=("${paths[@]}")
fi
node "$bin" "${args[@]}"
code=$?
out="${GITHUB_OUTPUT:-/dev/null}"
echo "exit-code=$code" >>"$out"
if [ "$code" -eq 1 ] && [ "${INPUT_FAIL_ON_FINDINGS:-true}" = "true" ]; then
  echo "verdict=fail" >>"$out"
else
  echo "verdict=pass" >>"$out"
fi
[ "$code" -eq 2 ] && exit 2
exit 0
