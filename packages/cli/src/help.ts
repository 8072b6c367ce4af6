/** `keyguard --help`. Keep in step with README.md. */
export const HELP = `keyguard: find leaked Azure SignalR / Web PubSub credentials

Usage:
  keyguard scan [paths...]        scan files and folders (default: .); quoted globs
                                  ('src/**/*.ts') are expanded
  keyguard scan -                 scan standard input
  keyguard scan --staged [paths]  scan what is staged for commit
  keyguard scan --history[=RANGE] scan git history (every ref, or a rev-list range)
  keyguard baseline [paths...]    print a baseline of current findings (always exits 0)
  keyguard hook install           install the pre-commit hook

Options (scan, baseline):
  -f, --format FORMAT       pretty (default), json, sarif, github or markdown
  -o, --output FILE         write the report (or baseline) to FILE instead of stdout
      --pretty-output FILE, --json-output FILE, --sarif-output FILE,
      --github-output FILE, --markdown-output FILE
                            also write that format to FILE (- for stdout), in the same run
      --show-secrets        print raw secret values (every format); masked otherwise
      --baseline FILE       suppress findings listed in a baseline file (scan only;
                            default: the config's "baseline")
  -c, --config FILE         use this config file instead of the nearest keyguard.config.json
      --min-confidence LVL  low, medium (default) or high
      --no-ignore           do not honour ignore files (.keyguardignore; and inside a
                            git work tree .gitignore, .git/info/exclude, global excludes)
      --no-inline-ignore    report secrets even on lines marked keyguard:allow
      --follow-symlinks     follow symbolic links (not followed by default)
      --stdin-filename NAME the path reported for '-' (default <stdin>)
  -j, --jobs N              worker threads (default: automatic, up to the available
                            CPUs for large trees)
      --no-progress         no progress line on stderr (it only shows on a TTY anyway)
  -q, --quiet               count skipped entries instead of listing them
  -v, --verbose             list binary files and symbolic links skipped too (counted
                            on one line otherwise)
      --fetch-missing       --history/--staged in a partial clone: fetch the blobs it
                            lacks in one batch and scan them (default: nothing is
                            fetched; they are listed as skipped, reason missing)
      --strict              exit 2 if any path could not be read (FIFO, socket, device,
                            unreadable file, symlink loop, missing git blob) or nothing
                            was scanned; binary files do not count
  -h, --help                this help
  -V, --version             print the version

Exit codes:
  0  no findings
  1  at least one finding
  2  usage, configuration or internal error (or an unreadable path with --strict)

Config: keyguard.config.json, found by walking up from the scan root:
  { "ignore": ["globs"], "allow": ["fingerprints"], "minConfidence": "medium",
    "rules": { "azure-signalr-client-secret": false },
    "baseline": ".keyguard-baseline.json" }

Skip the pre-commit check once: KEYGUARD_SKIP=1 git commit (pre-commit framework:
SKIP=keyguard git commit).
`;
