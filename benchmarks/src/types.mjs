// Shared JSDoc types of the benchmark scripts (type-checked by `tsc -p benchmarks`; nothing runs here).

/**
 * @typedef {(message: string) => void} Log
 *
 * @typedef {{ median: number, min: number, max: number, n: number }} Summary
 *   What stats.summarize makes of a list of numbers.
 *
 * @typedef {object} TimedOptions How measure.timed runs a command.
 * @property {string} [cwd]
 * @property {NodeJS.ProcessEnv} [env]
 * @property {string} [input] written to stdin
 * @property {boolean} [capture] keep stdout
 * @property {boolean} [fullStderr] keep all of stderr, not only its tail
 * @property {number} [timeoutMs]
 * @property {readonly (number | null)[]} [okCodes] exit codes measure.run accepts (default [0])
 *
 * @typedef {object} TimedResult One run of a command.
 * @property {number} ms
 * @property {number} rssKB peak RSS (NaN without GNU time)
 * @property {number | null} code null when it timed out
 * @property {boolean} timedOut
 * @property {string} stdout
 * @property {string} stderr
 *
 * @typedef {{ ms: number, rssKB: number, code: number | null, warmup?: boolean }} RunSample
 *
 * @typedef {object} RepeatResult What measure.repeat makes of a few runs.
 * @property {boolean} ok
 * @property {string} [error]
 * @property {RunSample[]} runs
 * @property {Summary} wall
 * @property {Summary} rss
 * @property {string} [lastStdout]
 *
 * @typedef {object} Tool A tool's entry in ensurePeers()'s table (and `keyguard-base`, against.mjs).
 * @property {boolean} available
 * @property {string} [reason] why it is unavailable
 * @property {string} [version]
 * @property {string} [path]
 * @property {string} [source]
 * @property {string} [note]
 * @property {string} [preset]
 * @property {string} [gitleaksVersion]
 * @property {string} [commit]
 * @property {boolean} [packagesDirty]
 * @property {string[]} [flags]
 * @property {string} [rev]
 * @property {string} [sha]
 * @property {string} [bin] the CLI of `--against REV`
 * @property {string} [core] the core entry of `--against REV`
 *
 * @typedef {Record<string, Tool>} Tools
 *
 * @typedef {object} PrepEntry A corpus prepared (or not) by run.mjs.
 * @property {boolean} ok
 * @property {boolean} [cached]
 * @property {number} ms
 * @property {number} [files]
 * @property {number} [bytes]
 * @property {number} [commits]
 * @property {string} [error]
 *
 * @typedef {object} SuiteContext What run.mjs gives every suite.
 * @property {boolean} quick
 * @property {Tools} tools
 * @property {Log} log
 * @property {Record<string, PrepEntry>} [prep]
 *
 * @typedef {object} SuiteResult The part of a suite's result run.mjs reads and writes.
 * @property {boolean} available
 * @property {string} [reason]
 * @property {string} [title]
 * @property {number} [suiteMs]
 *
 * @typedef {object} Suite A module of suites/.
 * @property {string} id
 * @property {string} title
 * @property {boolean} [needsPeers] false: run.mjs installs no peer for it alone
 * @property {boolean} [needsCorpora] false: run.mjs prepares no big corpus for it alone
 * @property {(context: SuiteContext) => Promise<SuiteResult>} runSuite
 *
 * @typedef {{ file: string, line: number, rule?: string }} Reported A (file, line) a tool reported.
 *
 * @typedef {object} Row A tool's row in a table: measured, or unavailable with the reason.
 * @property {string} tool
 * @property {string} [label]
 * @property {boolean} available
 * @property {string} [reason]
 * @property {Summary} [wall]
 * @property {number} [timeVsRipgrep]
 *
 * @typedef {object} Marker A prepared corpus's `.keyguard-bench.json`.
 * @property {number | string} version
 * @property {string} name
 * @property {string} root
 * @property {number} files
 * @property {number} [bytes]
 * @property {string} [source]
 *
 * @typedef {{ path: string, size: number }} ListedFile
 * @typedef {{ origin: string, abs: string, path: string, size: number }} SourceFile
 */

export {};
