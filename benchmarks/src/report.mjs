// Results: latest.json (everything), latest.md (tables) and chart.svg (hand-written SVG).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RESULTS_DIR } from './paths.mjs';
import { formatMs, formatNumber, formatPct } from './stats.mjs';
/** @import { PrepEntry, Summary, Tools } from './types.mjs' */

/**
 * The results file (latest.json, dev.json, ...) as the report reads it. A table row is measured
 * (`available: true`, its figures) or not (`available: false`, the reason, figures ignored).
 *
 * @typedef {{ median: number, min: number, max: number }} MbpsRange
 * @typedef {{ available: false, tool: string, label?: string, reason?: string }} UnavailableRow
 * @typedef {{ available: false, reason?: string }} Unavailable
 *
 * @typedef {object} CoreReport
 * @property {{ name: string, bytes: number, files: number }} corpus
 * @property {string} target
 * @property {{ tool: string, mbps: MbpsRange, ms: Summary, vsRegex: number, result: unknown }[]} rows
 *
 * @typedef {{ available: true, tool: string, label: string, wall: Summary, rssKB: Summary, mbps: MbpsRange, timeVsRipgrep: number }} DirRow
 * @typedef {{ trees: { tree: string, short?: string, files: number, bytes: number, rows: (DirRow | UnavailableRow)[] }[] }} DirscanReport
 *
 * @typedef {object} Accuracy
 * @property {number} findings
 * @property {number} truePositives
 * @property {number} falsePositives
 * @property {number} recall
 * @property {number} precision
 * @property {number} decoysReported
 * @property {number} [decoys]
 * @property {Record<string, { planted: number, found: number }>} [byForm]
 * @typedef {{ available: true, tool: string, label: string, mbps?: MbpsRange, timeVsRipgrep?: number, accuracy?: Accuracy }} AccuracyRow
 * @typedef {{ available?: true, corpus: string, description: string, files: number, bytes?: number, positives: number, decoys?: number, rows: (AccuracyRow | UnavailableRow)[] }} AccuracyCorpus
 * @typedef {{ corpora: (AccuracyCorpus | { available: false, corpus: string, reason: string })[] }} AccuracyReport
 *
 * @typedef {object} HistoryAccuracy
 * @property {number} findings
 * @property {number} planted
 * @property {number} truePositives
 * @property {number} recall
 * @property {number} reportedAtIntroducingCommit
 * @property {number} repeatsOfPlantedKeys
 * @property {number} falsePositives
 * @typedef {{ matchingLines?: number, missingBlobs?: number, findings?: number, missingAfter?: number, accuracy?: HistoryAccuracy }} HistoryFigures
 * @typedef {HistoryFigures & { available: true, tool: string, label: string, wall: Summary, rssKB: Summary, msPerCommit: number, timeVsRipgrep: number }} HistoryRow
 * @typedef {{ repo: { commits: number, files: number, planted: number, stillAtHead: number }, rows: (HistoryRow | UnavailableRow)[], partialVsFullPlusFetch: number }} HistoryReport
 *
 * @typedef {{ available: true, tool: string, label?: string, wall: Summary, rssKB: Summary, timeVsRipgrep: number }} StagedRow
 * @typedef {object} StartupDeltas
 * @property {true} available
 * @property {string} node
 * @property {number} runs
 * @property {Record<string, Summary>} wall
 * @property {Record<string, number>} [staged]
 * @property {Record<string, { ms: number, budgetMs: number, within: boolean }>} deltas
 * @typedef {{ repoFiles: number, target: string, scenarios: { scenario: string, rows: (StagedRow | UnavailableRow)[] }[], startup?: StartupDeltas | Unavailable }} StagedReport
 *
 * @typedef {{ available: true, config: string, wall: Summary, rssKB: Summary, mbps: number, addedVsRecommended: number, addedMs: number, problems?: { keyguard: number, noSecrets: number, parseErrors: number } }} EslintRow
 * @typedef {object} PluginImport
 * @property {true} [available]
 * @property {number} ms
 * @property {number} importMs
 * @property {number} nodeMs
 * @property {Summary} import
 * @property {Summary} node
 * @property {number} runs
 * @property {string} command
 * @property {string} target
 * @property {number} [targetMs] missing from results written before the import had a target
 * @property {boolean} meetsTarget
 * @typedef {object} PluginPackage
 * @property {true} [available]
 * @property {string} command
 * @property {number} unpackedBytes
 * @property {number} tarballBytes
 * @property {number} files
 * @property {{ name: string, typesOnly: boolean }[]} dependencies
 * @property {string[]} peerDependencies
 * @typedef {object} EslintReport
 * @property {string} [eslint]
 * @property {{ files: number, bytes: number }} tree
 * @property {string} command
 * @property {string} target
 * @property {(EslintRow | { available: false, config: string, reason?: string })[]} rows
 * @property {PluginImport | Unavailable} [pluginImport]
 * @property {PluginPackage | Unavailable} [pluginPackage]
 *
 * @typedef {{ available: true, file: string, wall: Summary, mbps: number, rssKB: Summary }} MemoryRow
 * @typedef {{ tool: string, command: string, rows: (MemoryRow | { available: false, file: string, reason?: string })[] }} MemoryReport
 *
 * @typedef {{ available: true, tool: string, label: string, command: string, wall: Summary, rssKB: Summary, mbps: MbpsRange, timeVsRipgrep: number, matchingLines?: number, scanned?: { files: number, bytes: number, findings: number, complete?: boolean } }} ArchiveRow
 * @typedef {{ runsPerTool: number, content: { files: number, bytes: number, source: string }, archives: { format: string, file: string, archiveBytes: number, rows: (ArchiveRow | UnavailableRow)[] }[] }} ArchivesReport
 *
 * @typedef {{ pattern: string, bytes: number, modes: Record<string, { mbps: MbpsRange, findings?: number }>, slowest: { mode: string, mbps: number, vsPlain: number }, meetsTarget: boolean }} AdversarialPatternRow
 * @typedef {{ available: true, modes: string[], rows: AdversarialPatternRow[], runs: number, command: string }} AdversarialCore
 * @typedef {{ file: string, bytes: number, off: Summary, on: Summary, ruleAddsMs: number, problems: number }} AdversarialEslintRow
 * @typedef {{ available: true, eslint: string, rows: AdversarialEslintRow[], literalAddsMs: number, ruleAddsOnLiteralMs: number, targetMs: number }} AdversarialEslint
 * @typedef {{ available: true, tree: string, wall: Summary, rssKB: Summary, msPerThousandFiles: number }} EmptyFilesRow
 * @typedef {{ available: true, command: string, emptyVsOneByte: number, rows: (EmptyFilesRow | { available: false, tree: string, reason?: string })[] }} AdversarialCli
 * @typedef {{ target: string, targetMbps: number, core: AdversarialCore | Unavailable, eslint: AdversarialEslint | Unavailable, cli: AdversarialCli | Unavailable }} AdversarialReport
 *
 * @typedef {{ core: CoreReport, dirscan: DirscanReport, accuracy: AccuracyReport, history: HistoryReport, staged: StagedReport, eslint: EslintReport, memory: MemoryReport, archives: ArchivesReport, adversarial: AdversarialReport }} SuiteReports
 * @typedef {{ [K in keyof SuiteReports]?: (SuiteReports[K] & { available: true, title: string }) | { available: false, title: string, reason?: string } }} ResultsSuites
 *
 * @typedef {object} Results
 * @property {string} mode
 * @property {string} date
 * @property {{ cores: number, memoryGiB: number, cpuModel?: string, os: string, node: string, loadAverageAtStart: number[] }} machine
 * @property {string} machineLabel
 * @property {Tools} tools
 * @property {Record<string, PrepEntry>} prep
 * @property {{ totalMs: number, prepMs: number, suitesMs: number }} timing
 * @property {ResultsSuites} suites
 */

/** @param {unknown} s */
const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** @param {unknown} s */
const cell = (s) => String(s ?? '–').replace(/\|/g, '\\|');
/** @param {number | undefined} kb */
const mib = (kb) => (kb !== undefined && Number.isFinite(kb) ? `${(kb / 1024).toFixed(0)} MiB` : '–');
/** @param {Summary | undefined} w */
const range = (w) => (w && w.n > 0 ? `${formatMs(w.median)} (${formatMs(w.min)}–${formatMs(w.max)}, n=${w.n})` : '–');
/** @param {number | undefined} x */
const times = (x) => (x !== undefined && Number.isFinite(x) ? `${x >= 10 ? x.toFixed(0) : x.toFixed(2)}×` : '–');
/** @param {MbpsRange | undefined} m */
const mbps = (m) => (m && Number.isFinite(m.median) ? `${formatNumber(m.median)} (${formatNumber(m.min)}–${formatNumber(m.max)})` : '–');
/** @param {{ reason?: string }} row */
const na = (row) => `unavailable: ${row.reason}`;

/**
 * @param {string[]} head
 * @param {unknown[][]} rows
 */
function table(head, rows) {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n');
}

/** @param {Tools} tools */
function toolsSection(tools) {
  const rows = Object.entries(tools).map(([name, t]) => [
    name,
    t.available ? (t.gitleaksVersion ? `${t.gitleaksVersion} (npm ${t.version})` : t.version ?? 'yes') : '–',
    t.source ?? (name.startsWith('keyguard') ? `repo @ ${t.commit ?? '?'}${t.packagesDirty ? ' (+ uncommitted changes)' : ''}` : ''),
    t.available ? t.note ?? t.preset ?? '' : `**unavailable**: ${t.reason}`,
  ]);
  return `## Tools\n\n${table(['tool', 'version', 'from', 'notes'], rows)}`;
}

/** @param {CoreReport} s */
function coreSection(s) {
  const rows = s.rows.map((r) => [r.tool, mbps(r.mbps), range(r.ms), times(r.vsRegex), r.result]);
  return [
    `## Core throughput: single thread, in memory\n`,
    `${(s.corpus.bytes / 1e6).toFixed(0)} MB of ${s.corpus.name} (${s.corpus.files} files concatenated). MB/s median (min–max). Target: ${s.target}.\n`,
    table(['what', 'MB/s', 'time', '× regex speed', 'result (findings / matches)'], rows),
  ].join('\n');
}

/** @param {DirscanReport} s */
function dirscanSection(s) {
  return s.trees
    .map((t) => {
      const rows = t.rows.map((r) =>
        r.available
          ? [r.label, range(r.wall), mbps(r.mbps), mib(r.rssKB.median), times(r.timeVsRipgrep)]
          : [r.label ?? r.tool, na(r), '', '', ''],
      );
      return `### Directory scan: ${t.tree} (${t.files} files, ${(t.bytes / 1e6).toFixed(0)} MB)\n\n${table(['tool', 'wall time', 'MB/s', 'peak RSS', 'time vs ripgrep'], rows)}`;
    })
    .join('\n\n');
}

/** @param {AccuracyReport} s */
function accuracySection(s) {
  /** @type {string[]} */
  const parts = [];
  for (const c of s.corpora) {
    if (c.available === false) {
      parts.push(`### Accuracy: ${c.corpus}\n\n${c.reason}`);
      continue;
    }
    const rows = c.rows.map((r) => {
      if (!r.available) return [r.label ?? r.tool, na(r), '', '', '', '', '', '', ''];
      const a = r.accuracy;
      const speed = c.corpus === 'fixtures' ? ['', ''] : [mbps(r.mbps), times(r.timeVsRipgrep)];
      if (!a) return [r.label, '', '', '', '', '', '', ...speed];
      return [r.label, a.findings, a.truePositives, a.falsePositives, formatPct(a.recall), formatPct(a.precision), c.decoys ? `${a.decoysReported}/${a.decoys}` : '', ...speed];
    });
    parts.push(
      `### Accuracy: ${c.corpus}\n\n${c.description}: ${c.files} files${c.bytes ? `, ${(c.bytes / 1e6).toFixed(1)} MB` : ''}, ${c.positives} planted/expected secrets${c.decoys ? `, ${c.decoys} decoys (public placeholders, other services' keys, broken checksums, managed identity)` : ''}. A finding is a true positive when it is on a planted secret's line; anything else counts as a false positive (for secretlint and gitleaks, which have no SignalR rule, "false positives" are simply their other findings).\n\n` +
        table(['tool', 'findings', 'true pos.', 'false pos.', 'recall', 'precision', 'decoys reported', 'MB/s', 'time vs ripgrep'], rows),
    );
    // Recall per form.
    const scored = c.rows.flatMap((r) => (r.available && r.accuracy?.byForm ? [{ tool: r.tool, byForm: r.accuracy.byForm }] : []));
    if (scored.length > 0) {
      const forms = Object.keys(scored[0].byForm);
      parts.push(
        `Recall by form (${c.corpus}):\n\n` +
          table(['form', ...scored.map((r) => r.tool)], forms.map((f) => [f, ...scored.map((r) => `${r.byForm[f]?.found ?? 0}/${r.byForm[f]?.planted ?? 0}`)])),
      );
    }
  }
  return parts.join('\n\n');
}

/** @param {HistoryReport} s */
function historySection(s) {
  const rows = s.rows.map((r) =>
    r.available
      ? [r.label, range(r.wall), `${formatNumber(r.msPerCommit, 2)} ms`, mib(r.rssKB.median), times(r.timeVsRipgrep), r.accuracy ? `${r.accuracy.truePositives}/${r.accuracy.planted} keys (${formatPct(r.accuracy.recall)}); ${r.accuracy.findings} findings: ${r.accuracy.reportedAtIntroducingCommit} at the introducing commit, ${r.accuracy.repeatsOfPlantedKeys} repeats, ${r.accuracy.falsePositives} not planted` : r.matchingLines !== undefined ? `${r.matchingLines} matching lines` : r.missingBlobs !== undefined ? `${r.missingBlobs} blobs fetched` : r.findings !== undefined ? `${r.findings} findings, ${r.missingAfter} blobs left missing` : '']
      : [r.label ?? r.tool, na(r), '', '', '', ''],
  );
  const partial = Number.isFinite(s.partialVsFullPlusFetch)
    ? `\n\nPartial clone (\`--filter=blob:none\`, fresh per run, clone not timed): \`--history --fetch-missing\` takes ${times(s.partialVsFullPlusFetch)} the full clone's history scan plus one \`git fetch\` of the missing blobs (target: at most 1x).`
    : '';
  return `## History scan\n\nGenerated repository: ${s.repo.commits} commits, ${s.repo.files} files, ${s.repo.planted} keys added (${s.repo.planted - s.repo.stillAtHead} later removed).\n\n${table(['tool', 'wall time', 'per commit', 'peak RSS', 'time vs ripgrep', 'keys found'], rows)}${partial}`;
}

/** @param {StagedReport} s */
function stagedSection(s) {
  const rows = s.scenarios.flatMap((sc) =>
    sc.rows.map((r) => [sc.scenario, r.label ?? r.tool, r.available ? range(r.wall) : na(r), r.available ? mib(r.rssKB.median) : '', r.available ? times(r.timeVsRipgrep) : '']),
  );
  return `## Staged scan (pre-commit hook)\n\nRepository of ${s.repoFiles} real files. Target: ${s.target}.\n\n${table(['commit', 'tool', 'wall time', 'peak RSS', 'time vs ripgrep'], rows)}${startupTable(s.startup)}`;
}

/** @type {(k: string, staged: Record<string, number> | undefined) => string} */
const startupLabel = (k, staged) =>
  k === 'version' ? '`keyguard --version`' : `\`keyguard scan --staged\`, ${staged?.[k] ?? (k === 'one' ? 1 : 1000)} staged ${k === 'one' ? 'file' : 'files'}`;

/**
 * The three start-up deltas over `node -e 0` against their budgets.
 * @param {StagedReport['startup']} st
 */
function startupTable(st) {
  if (st === undefined) return '';
  if (!st.available) return `\n\nStart-up deltas: unavailable (${st.reason}).`;
  const rows = Object.entries(st.deltas).map(([k, d]) => [startupLabel(k, st.staged), range(st.wall[k]), `${d.ms >= 0 ? '+' : ''}${d.ms.toFixed(1)} ms`, `${d.budgetMs} ms`, d.within ? 'within' : '**over**']);
  return `\n\n### Start-up over Node's own\n\nNode ${st.node}; ${st.runs} runs of each command, interleaved; \`node -e 0\`: ${range(st.wall.node)}.\n\n${table(['command', 'wall time', 'over node -e 0 (medians)', 'budget', ''], rows)}`;
}

/** @param {EslintReport} s */
function eslintSection(s) {
  const rows = s.rows.map((r) =>
    r.available
      ? [r.config, range(r.wall), formatNumber(r.mbps, 2), Number.isFinite(r.addedVsRecommended) ? `${(r.addedVsRecommended * 100).toFixed(1)}% (${r.addedMs >= 0 ? '+' : ''}${r.addedMs.toFixed(0)} ms)` : '–', mib(r.rssKB.median), r.problems ? `${r.problems.keyguard} / ${r.problems.noSecrets} / ${r.problems.parseErrors}` : '']
      : [r.config, na(r), '', '', '', ''],
  );
  return `## ESLint overhead\n\neslint ${s.eslint}, ${s.tree.files} files (${(s.tree.bytes / 1e6).toFixed(1)} MB) of real CommonJS from the node_modules corpus; ${s.command}. Target: ${s.target}.\n\n${table(['config', 'wall time', 'MB/s', 'added vs recommended', 'peak RSS', 'reports: keyguard / no-secrets / parse errors'], rows)}${pluginCosts(s)}`;
}

/**
 * The plugin's fixed costs: its import time against its target, and what it ships.
 * @param {EslintReport} s
 */
function pluginCosts(s) {
  /** @type {string[]} */
  const parts = [];
  const p = s.pluginImport;
  if (p?.available === false) parts.push(`Plugin import: unavailable (${p.reason}).`);
  else if (p?.targetMs === undefined && p) {
    // results written before the import had a target
    parts.push(`For scale: importing the keyguard plugin on its own takes ${p.ms.toFixed(0)} ms more than a bare Node start (\`import()\`: ${p.importMs.toFixed(0)} ms, \`node -e 0\`: ${p.nodeMs.toFixed(0)} ms).`);
  } else if (p) {
    const row = [`\`import()\` of the plugin over \`node -e 0\``, `+${p.ms.toFixed(1)} ms`, `${range(p.import)} vs ${range(p.node)}`, `< ${p.targetMs} ms`, p.meetsTarget ? 'pass' : '**FAIL**'];
    parts.push(
      `### Plugin import\n\nTarget: ${p.target}. ${p.runs} pairs of runs, back to back (\`${p.command}\`); the figure is the median of the pairs' differences: a one-off cost per eslint process that does not grow with the tree.\n\n${table(['what', 'figure', 'import vs node -e 0 (each alone)', 'target', ''], [row])}`,
    );
  }
  const k = s.pluginPackage;
  if (k?.available === false) parts.push(`Plugin package: unavailable (${k.reason}).`);
  else if (k) {
    /** @param {number} bytes */
    const kb = (bytes) => `${(bytes / 1024).toFixed(0)} KB`;
    parts.push(
      `What the plugin ships (\`${k.command}\`): ${kb(k.unpackedBytes)} unpacked in ${k.files} files (${kb(k.tarballBytes)} packed); dependencies: ${k.dependencies.length > 0 ? k.dependencies.map((d) => `${d.name}${d.typesOnly ? ' (types only)' : ''}`).join(', ') : 'none'}; peer: ${k.peerDependencies.join(', ')}. (Installed next to ESLint 10, the size it adds is test/eslint-plugin-install.test.ts's to measure.)`,
    );
  }
  return parts.map((part) => `\n\n${part}`).join('');
}

/** @param {MemoryReport} s */
function memorySection(s) {
  const rows = s.rows.map((r) => (r.available ? [r.file, range(r.wall), formatNumber(r.mbps), mib(r.rssKB.median), `${mib(r.rssKB.min)}–${mib(r.rssKB.max)}`] : [r.file, na(r), '', '', '']));
  return `## Constant memory\n\n${s.tool}: \`${s.command}\`.\n\n${table(['input', 'wall time', 'MB/s', 'peak RSS (median)', 'peak RSS range'], rows)}`;
}

/** @param {ArchiveRow} r what the row found: rg's matching lines, or what keyguard read and reported */
const result = (r) =>
  r.scanned
    ? `${r.scanned.files} files, ${(r.scanned.bytes / 1e6).toFixed(1)} MB read${r.scanned.complete === false ? ' (**incomplete**: an archive limit stopped it; MB/s overstated)' : ''}; ${r.scanned.findings} findings`
    : r.matchingLines !== undefined
      ? `${r.matchingLines} matching lines`
      : '';

/** @param {ArchivesReport} s */
function archivesSection(s) {
  const head = `## Archive throughput\n\n${s.content.files} files, ${(s.content.bytes / 1e6).toFixed(1)} MB of uncompressed text (${s.content.source}), packed with \`zip -r\` and \`tar -czf\`. MB/s of uncompressed content; ratios compare with the unpack-and-grep pipeline of the same archive (peak RSS of a pipeline: its largest process).`;
  const parts = s.archives.map((a) => {
    const rows = a.rows.map((r) =>
      r.available
        ? [r.label, `\`${r.command}\``, range(r.wall), mbps(r.mbps), mib(r.rssKB.median), times(r.timeVsRipgrep), result(r)]
        : [r.label ?? r.tool, na(r), '', '', '', '', ''],
    );
    return `### ${a.format} (${(a.archiveBytes / 1e6).toFixed(1)} MB archive)\n\n${table(['tool', 'command', 'wall time', 'MB/s', 'peak RSS', 'time vs pipeline', 'result'], rows)}`;
  });
  return [head, ...parts].join('\n\n');
}

/** @param {AdversarialReport} s */
function adversarialSection(s) {
  const parts = [`## Adversarial text\n\nTarget: ${s.target}.`];
  const c = s.core;
  if (!c.available) parts.push(`### Core on adversarial patterns\n\n**Unavailable:** ${c.reason}`);
  else {
    /** @param {MbpsRange | undefined} m */
    const speed = (m) => (m && Number.isFinite(m.median) ? `${formatNumber(m.median)}` : '–');
    const rows = c.rows.map((r) => [
      r.pattern.includes(' ') ? r.pattern : `\`${r.pattern}\``,
      `${(r.bytes / 1e6).toFixed(0)} MB`,
      ...c.modes.map((m) => speed(r.modes[m].mbps)),
      `${formatNumber(r.slowest.mbps)} (${r.slowest.mode})`,
      r.pattern === 'plain source text' ? '1×' : times(r.slowest.vsPlain),
      r.modes[c.modes[0]].findings,
      r.meetsTarget ? 'yes' : '**no**',
    ]);
    parts.push(
      `### Core on adversarial patterns: single thread, in memory\n\nMB/s, median of ${c.runs} runs after a warm-up, each API on the same bytes in one process (\`${c.command}\`). "× plain" is the slowest API's time per byte over plain source text's in that API, same size, same run. Findings: minConfidence low.\n\n` +
        table(['pattern', 'size', ...c.modes, 'slowest', '× plain', 'findings', `>= ${s.targetMbps} MB/s`], rows),
    );
  }
  const e = s.eslint;
  if (!e.available) parts.push(`### ESLint rule on a 5 MB string literal\n\n**Unavailable:** ${e.reason}`);
  else {
    const rows = e.rows.map((r) => [r.file, `${(r.bytes / 1e6).toFixed(2)} MB`, range(r.off), range(r.on), `${r.ruleAddsMs >= 0 ? '+' : ''}${r.ruleAddsMs.toFixed(0)} ms`, r.problems]);
    parts.push(
      `### ESLint rule on a 5 MB string literal of \`ClientSecret=\` repeated\n\nESLint's Linter API in one process (eslint from ${e.eslint}), a 20 KB module with and without the literal. With the rule on, the literal adds ${e.literalAddsMs.toFixed(0)} ms; on the file with the literal, the rule adds ${e.ruleAddsOnLiteralMs.toFixed(0)} ms (target < ${e.targetMs} ms).\n\n` +
        table(['file', 'size', 'rule off (parse only)', 'keyguard/no-leaked-access-key', 'rule adds', 'problems'], rows),
    );
  }
  const k = s.cli;
  if (!k.available) parts.push(`### Empty files through the CLI\n\n**Unavailable:** ${k.reason}`);
  else {
    const rows = k.rows.map((r) => (r.available ? [r.tree, range(r.wall), `${r.msPerThousandFiles.toFixed(0)} ms`, mib(r.rssKB.median)] : [r.tree, na(r), '', '']));
    parts.push(
      `### Empty files through the CLI\n\n\`${k.command}\`, trees built in a temp folder (100 folders of 1,000 files). Empty files take ${times(k.emptyVsOneByte)} the time of one-byte files.\n\n` +
        table(['tree', 'wall time', 'per 1,000 files', 'peak RSS'], rows),
    );
  }
  return parts.join('\n\n');
}

/** @type {{ [K in keyof SuiteReports]: (s: SuiteReports[K]) => string }} */
const SECTIONS = { core: coreSection, dirscan: (s) => `## Directory scan\n\n${dirscanSection(s)}`, accuracy: (s) => `## Accuracy\n\n${accuracySection(s)}`, history: historySection, staged: stagedSection, eslint: eslintSection, memory: memorySection, archives: archivesSection, adversarial: adversarialSection };

/**
 * A suite's section.
 * @template {keyof SuiteReports} K
 * @param {K} id
 * @param {SuiteReports[K]} suite
 */
const section = (id, suite) => SECTIONS[id](suite);

/** @param {Results} results */
export function renderMarkdown(results) {
  const m = results.machine;
  const out = [
    `# keyguard benchmarks (${results.mode} run)`,
    '',
    `**Machine:** ${m.cores} cores, ${m.memoryGiB} GiB RAM, ${m.cpuModel}; ${m.os}; Node ${m.node}. Load average at start: ${m.loadAverageAtStart.join(' / ')}. ${results.date}.`,
    '',
    `Figures are medians of warm runs with (min–max) and the number of runs; ratios compare with ripgrep measured in the same run on the same input. The machine was shared with other work while this ran: treat differences under ~20% as noise. Total: ${formatMs(results.timing.totalMs)} (corpus preparation ${formatMs(results.timing.prepMs)}).`,
    '',
    toolsSection(results.tools),
  ];
  for (const [id, suite] of Object.entries(results.suites)) {
    if (suite === undefined) continue;
    out.push('');
    if (!suite.available) out.push(`## ${suite.title}\n\n**Unavailable:** ${suite.reason}`);
    else out.push(section(/** @type {keyof SuiteReports} */ (id), suite));
  }
  if (Object.keys(results.prep).length > 0) {
    out.push('', '## Corpus preparation (this run; cached afterwards)', '', table(['corpus', 'this run', 'files', 'size'], Object.entries(results.prep).map(([k, p]) => [k, p.ok ? (p.cached ? `cached (${formatMs(p.ms)})` : `prepared in ${formatMs(p.ms)}`) : `failed: ${p.error}`, p.commits ? `${p.files} files, ${p.commits} commits` : p.files ?? '', p.bytes ? `${(p.bytes / 1e6).toFixed(0)} MB` : ''])));
  }
  return `${out.join('\n')}\n`;
}

/**
 * Bars for the chart: throughput (log scale) and planted-corpus recall/precision.
 * @param {Results} results
 */
export function chartData(results) {
  const s = results.suites;
  /** @type {{ label: string, value: number, keyguard?: boolean }[]} */
  const speed = [];
  if (s.core?.available) {
    for (const r of s.core.rows) speed.push({ label: `core: ${r.tool.replace(/ \(.*\)$/, '')}`, value: r.mbps.median, keyguard: r.tool.includes('keyguard') });
  }
  if (s.dirscan?.available) {
    const t = s.dirscan.trees[0];
    for (const r of t.rows) if (r.available) speed.push({ label: `dir scan (${t.short ?? t.tree}): ${r.tool}`, value: r.mbps.median, keyguard: r.tool.startsWith('keyguard') });
  }
  const plantedCorpus = s.accuracy?.available ? s.accuracy.corpora.find((c) => c.corpus.startsWith('planted')) : undefined;
  const planted = plantedCorpus?.available === false ? undefined : plantedCorpus;
  if (planted) {
    for (const r of planted.rows) {
      if (r.available && ['gitleaks', 'secretlint'].includes(r.tool)) speed.push({ label: `planted corpus: ${r.tool}${r.tool === 'gitleaks' ? ' (wasm)' : ''}`, value: r.mbps?.median ?? NaN });
    }
  }
  const acc = planted ? planted.rows.flatMap((r) => (r.available && r.accuracy ? [{ label: r.tool, recall: r.accuracy.recall, precision: r.accuracy.precision, keyguard: r.tool.startsWith('keyguard') }] : [])) : [];
  return { speed: speed.filter((x) => Number.isFinite(x.value) && x.value > 0), acc };
}

/** @param {Results} results */
export function renderSvg(results) {
  const { speed, acc } = chartData(results);
  const W = 1000;
  const rowH = 22;
  const labelW = 300;
  const barW = W - labelW - 110;
  const top = 56;
  const speedH = speed.length * rowH;
  const accTop = top + speedH + 70;
  const H = accTop + acc.length * rowH * 1.6 + 50;
  const lo = 0.1;
  const hi = Math.max(10, ...speed.map((x) => x.value)) * 1.2;
  /** @param {number} v */
  const x = (v) => (Math.log10(Math.max(v, lo)) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo)) * barW;
  /** @type {string[]} */
  const o = [];
  o.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${Math.round(H)}" viewBox="0 0 ${W} ${Math.round(H)}" font-family="Helvetica, Arial, sans-serif" font-size="12">`);
  o.push(`<rect width="100%" height="100%" fill="#ffffff"/>`);
  o.push(`<text x="12" y="22" font-size="16" font-weight="bold">keyguard benchmarks: throughput (MB/s, log scale) and accuracy on the planted-key corpus</text>`);
  o.push(`<text x="12" y="40" fill="#555">${esc(results.machineLabel)}; Node ${esc(results.machine.node)}; ${esc(results.date.slice(0, 10))}; ${esc(results.mode)} run; shared machine. Blue: keyguard. Medians.</text>`);
  o.push(`<text x="${labelW + barW}" y="${top + speedH + 30}" text-anchor="end" fill="#777">MB/s (log scale)</text>`);
  for (let p = -1; p <= Math.log10(hi); p++) {
    const gx = labelW + x(10 ** p);
    o.push(`<line x1="${gx.toFixed(1)}" y1="${top - 4}" x2="${gx.toFixed(1)}" y2="${top + speedH}" stroke="#ddd"/>`);
    o.push(`<text x="${gx.toFixed(1)}" y="${top + speedH + 14}" text-anchor="middle" fill="#777">${10 ** p >= 1 ? 10 ** p : 10 ** p}</text>`);
  }
  speed.forEach((b, i) => {
    const y = top + i * rowH;
    o.push(`<text x="${labelW - 8}" y="${y + 15}" text-anchor="end">${esc(b.label)}</text>`);
    o.push(`<rect x="${labelW}" y="${y + 4}" width="${Math.max(1, x(b.value)).toFixed(1)}" height="${rowH - 8}" fill="${b.keyguard ? '#2b6cb0' : '#a0aec0'}"/>`);
    o.push(`<text x="${(labelW + x(b.value) + 6).toFixed(1)}" y="${y + 15}">${esc(formatNumber(b.value))}</text>`);
  });
  o.push(`<text x="12" y="${accTop - 22}" font-size="14" font-weight="bold">Planted-key corpus: recall (dark) and precision (light)</text>`);
  acc.forEach((a, i) => {
    const y = accTop + i * rowH * 1.6;
    /** @param {number} v */
    const w = (v) => (Number.isFinite(v) ? v * (barW - 40) : 0);
    o.push(`<text x="${labelW - 8}" y="${y + 16}" text-anchor="end">${esc(a.label)}</text>`);
    o.push(`<rect x="${labelW}" y="${y + 2}" width="${w(a.recall).toFixed(1)}" height="${rowH * 0.6}" fill="${a.keyguard ? '#2b6cb0' : '#4a5568'}"/>`);
    o.push(`<text x="${(labelW + w(a.recall) + 6).toFixed(1)}" y="${y + 13}">recall ${esc(formatPct(a.recall))}</text>`);
    o.push(`<rect x="${labelW}" y="${y + 2 + rowH * 0.65}" width="${w(a.precision).toFixed(1)}" height="${rowH * 0.6}" fill="${a.keyguard ? '#90cdf4' : '#cbd5e0'}"/>`);
    o.push(`<text x="${(labelW + w(a.precision) + 6).toFixed(1)}" y="${y + 13 + rowH * 0.65}">precision ${esc(formatPct(a.precision))}</text>`);
  });
  o.push('</svg>');
  return `${o.join('\n')}\n`;
}

/**
 * @param {Results} results
 * @param {string} name
 */
export function writeResults(results, name) {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const files = [join(RESULTS_DIR, `${name}.json`), join(RESULTS_DIR, `${name}.md`), join(RESULTS_DIR, name === 'latest' ? 'chart.svg' : `${name}.svg`)];
  writeFileSync(files[0], `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(files[1], renderMarkdown(results));
  writeFileSync(files[2], renderSvg(results));
  return files;
}
