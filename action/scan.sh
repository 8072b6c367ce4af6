#!/usr/bin/env bash
# The action's scan step. In: INPUT_* variables. Out:
# - the job log: the readable report (masked) and one `::error` annotation per finding, whatever
#   the report file's format;
# - the report file (INPUT_FORMAT, INPUT_OUTPUT), and a SARIF copy in $RUNNER_TEMP when the
#   upload is asked for with another format;
# - a Markdown summary appended to $GITHUB_STEP_SUMMARY;
# - step outputs: exit-code, findings, verdict (fail|pass|error), report, sarif.
# Exit status: 0 unless keyguard itself failed (exit 2, its error line in the log); findings are
# reported through "verdict" so SARIF can still be uploaded before the job fails. 1 when the
# action's checkout has no built CLI (KEYGUARD_BIN missing: used at a branch, not a release tag).
# Plain bash 3.2 (macOS runners): no mapfile, no ${var,,}.
set -uo pipefail
bin="${KEYGUARD_BIN:?KEYGUARD_BIN is not set}"
if [ ! -f "$bin" ]; then
  # Release tags carry packages/cli/dist (scripts/release-commit.mjs); branches never do.
  echo "::error title=keyguard is not built::packages/cli/dist/bin.js is missing from the action's checkout: use the action at a release tag (uses: keyguard/keyguard@v0.1.0), not a branch such as @main; only release tags carry the built CLI."
  exit 1
fi
format="${INPUT_FORMAT:-sarif}"
output="${INPUT_OUTPUT:-keyguard.sarif}"
out="${GITHUB_OUTPUT:-/dev/null}"
lower() { printf '%s' "$1" | tr '[:upper:]' '[:lower:]'; }
trim() {
  local s="$1"
  s="${s#"${s%%[![:space:]]*}"}"
  printf '%s' "${s%"${s##*[![:space:]]}"}"
}
# A step output that may hold anything (paths): GitHub's heredoc form, with a random delimiter.
set_output() {
  local delimiter
  delimiter="ghadelimiter_$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
  printf '%s<<%s\n%s\n%s\n' "$1" "$delimiter" "$2" "$delimiter" >>"$out"
}
# A workflow command's message: GitHub's escapes for %, CR and LF.
escape_data() {
  local s="${1//%/%25}"
  s="${s//$'\r'/%0D}"
  printf '%s' "${s//$'\n'/%0A}"
}

work="$(mktemp -d "${RUNNER_TEMP:-${TMPDIR:-/tmp}}/keyguard-scan.XXXXXX")" || exit 2
trap 'rm -rf "$work"' EXIT

args=(scan --format "$format" --output "$output" --no-progress
  --pretty-output - --github-output - --json-output "$work/report.json" --markdown-output "$work/summary.md")
sarif=""
if [ "$format" = "sarif" ]; then
  sarif="$output"
elif [ "$(lower "${INPUT_UPLOAD_SARIF:-false}")" = "true" ]; then
  # Another format for the report file, but SARIF for code scanning: a copy that outlives this step.
  sarif="$(mktemp "${RUNNER_TEMP:-${TMPDIR:-/tmp}}/keyguard-XXXXXX")" && mv "$sarif" "$sarif.sarif" && sarif="$sarif.sarif" || exit 2
  args+=(--sarif-output "$sarif")
fi
[ -n "${INPUT_BASELINE:-}" ] && args+=(--baseline "$INPUT_BASELINE")
[ -n "${INPUT_CONFIG:-}" ] && args+=(--config "$INPUT_CONFIG")
if [ -n "${INPUT_HISTORY:-}" ]; then
  if [ "$INPUT_HISTORY" = "all" ]; then args+=(--history); else args+=("--history=$INPUT_HISTORY"); fi
  [ "${INPUT_FETCH_MISSING:-false}" = "true" ] && args+=(--fetch-missing)
else
  # paths: one per line when the value has several lines (so a path may hold spaces); a single
  # line naming an existing path is that path; any other single line is split on whitespace.
  raw="${INPUT_PATHS:-.}"
  raw="${raw//$'\r'/}"
  paths=()
  case "$raw" in
    *$'\n'*)
      while IFS= read -r line || [ -n "$line" ]; do
        line="$(trim "$line")"
        [ -n "$line" ] && paths+=("$line")
      done <<<"$raw"
      ;;
    *)
      line="$(trim "$raw")"
      if [ -e "$line" ]; then paths=("$line"); else read -r -a paths <<<"$line"; fi
      ;;
  esac
  [ "${#paths[@]}" -eq 0 ] && paths=(.)
  args+=(-- "${paths[@]}")
fi

node "$bin" "${args[@]}" 2>"$work/stderr"
code=$?
cat "$work/stderr" >&2

findings=""
if [ "$code" -le 1 ]; then
  findings="$(node -e 'process.stdout.write(String(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).summary.findings))' "$work/report.json" 2>/dev/null)" || findings=""
  if [ -z "$findings" ]; then
    echo "keyguard: exited with code $code without writing its report" >>"$work/stderr"
    echo "keyguard: exited with code $code without writing its report" >&2
    code=2
  fi
fi

echo "exit-code=$code" >>"$out"
echo "findings=$findings" >>"$out"
if [ "$code" -ge 2 ]; then
  echo "verdict=error" >>"$out"
  # keyguard's own error line (its last "keyguard: " line) as an annotation and in the summary.
  error="$(grep '^keyguard: ' "$work/stderr" | tail -n 1)"
  [ -z "$error" ] && error="keyguard: failed with exit code $code"
  echo "::error title=keyguard failed::$(escape_data "$error")"
  if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
    printf '## keyguard failed (exit code %s)\n\n    %s\n\n' "$code" "$(printf '%s' "$error" | tr -d '\000-\037\177')" >>"$GITHUB_STEP_SUMMARY"
  fi
  exit "$code"
fi

set_output report "$output"
set_output sarif "$sarif"
if [ -n "${GITHUB_STEP_SUMMARY:-}" ] && [ -f "$work/summary.md" ]; then
  cat "$work/summary.md" >>"$GITHUB_STEP_SUMMARY"
fi
if [ "$code" -eq 1 ] && [ "$(lower "${INPUT_FAIL_ON_FINDINGS:-true}")" = "true" ]; then
  echo "verdict=fail" >>"$out"
else
  echo "verdict=pass" >>"$out"
fi
exit 0
