/**
 * A minimal ESLint language for files that have no parser of their own (`.env`, `.config`,
 * `.bicep`, `.ini`, ...). The whole file is one `Document` node; `keyguard/no-leaked-access-key`
 * scans its text like any other file. Lines starting with `#`, `//`, `;`, `--`, `REM` or holding
 * an XML comment `<!-- ... -->` are comments, so `eslint-disable` directives work there too.
 */
import type {
  Directive as CoreDirective,
  File,
  FileProblem,
  Language,
  OkParseResult,
  SourceLocation,
  SourceRange,
  TextSourceCode as CoreTextSourceCode,
  TraversalStep,
} from '@eslint/core';
// Inlined into the bundle: the published declarations never name @eslint/plugin-kit (a user's
// install has whatever version their ESLint brought, or none), only `@eslint/core`'s interfaces.
import { ConfigCommentParser, Directive, TextSourceCodeBase, VisitNodeStep } from '@eslint/plugin-kit';

export interface TextPosition {
  line: number;
  column: number;
}

export interface TextComment {
  type: 'Comment';
  /** The comment's text without its delimiters. */
  value: string;
  range: [number, number];
  loc: { start: TextPosition; end: TextPosition };
}

export interface TextDocument {
  type: 'Document';
  range: [number, number];
  loc: { start: TextPosition; end: TextPosition };
  /** Comment lines found in the file (not traversed as children). */
  comments: TextComment[];
}

export type TextNode = TextDocument | TextComment;

/** The text language has no options. */
export type TextLanguageOptions = Record<string, never>;

/** CRLF, LF and a lone CR each end a line, as in `@keyguard/core`. */
export const LINE_BREAK = /\r\n|[\r\n]/gu;

/** One comment per line: `# x`, `// x`, `; x`, `-- x`, `REM x`, `<!-- x -->`. */
const LINE_COMMENT = /^([ \t]*)(?:(#|\/\/|;|--|(?:REM|rem|::)(?=[ \t]))(.*)|<!--(.*?)-->[ \t]*)$/u;

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (const m of text.matchAll(LINE_BREAK)) starts.push(m.index + m[0].length);
  return starts;
}

function endOf(text: string, starts: number[]): TextPosition {
  const last = starts[starts.length - 1] ?? 0;
  return { line: starts.length, column: text.length - last };
}

export function parseText(text: string): TextDocument {
  const starts = lineStartsOf(text);
  const comments: TextComment[] = [];
  starts.forEach((start, i) => {
    const next = starts[i + 1];
    let end = next ?? text.length;
    // drop the line break itself
    while (end > start && (text.charCodeAt(end - 1) === 10 || text.charCodeAt(end - 1) === 13) && next !== undefined) end--;
    const lineText = text.slice(start, end);
    const m = LINE_COMMENT.exec(lineText);
    if (m === null) return;
    const indent = m[1]!.length;
    const value = m[3] ?? m[4] ?? '';
    comments.push({
      type: 'Comment',
      value,
      range: [start + indent, end],
      loc: { start: { line: i + 1, column: indent }, end: { line: i + 1, column: end - start } },
    });
  });
  return {
    type: 'Document',
    range: [0, text.length],
    loc: { start: { line: 1, column: 0 }, end: endOf(text, starts) },
    comments,
  };
}

const commentParser = new ConfigCommentParser();

type TextSourceCodeTypes = {
  LangOptions: TextLanguageOptions;
  RootNode: TextDocument;
  SyntaxElementWithLoc: TextNode;
  ConfigNode: TextComment;
};

/** The SourceCode of a text file: text, lines, locations, comments and disable directives. */
export interface TextSourceCode extends CoreTextSourceCode<TextSourceCodeTypes> {
  ast: TextDocument;
  /** The comment lines of the file. */
  readonly comments: TextComment[];
  /** The file's lines, without their line breaks. */
  readonly lines: string[];
  getLocFromIndex(index: number): TextPosition;
  getIndexFromLoc(loc: TextPosition): number;
  getParent(node: TextNode): TextNode | undefined;
  getAncestors(node: TextNode): TextNode[];
  getText(node?: TextNode, beforeCount?: number, afterCount?: number): string;
  traverse(): Iterable<TraversalStep>;
  getInlineConfigNodes(): TextComment[];
  getDisableDirectives(): { problems: FileProblem[]; directives: CoreDirective[] };
}

/** Built on @eslint/plugin-kit's TextSourceCodeBase; published as the `TextSourceCode` interface. */
class TextSourceCodeImpl extends TextSourceCodeBase<TextSourceCodeTypes> implements TextSourceCode {
  declare ast: TextDocument;
  /** The comment lines of the file. */
  readonly comments: TextComment[];

  constructor({ text, ast }: { text: string; ast: TextDocument }) {
    super({ text, ast, lineEndingPattern: /\r\n|[\r\n]/u });
    this.comments = ast.comments;
  }

  /** The document is the only node visited (enter, then exit); comments are not traversed. */
  override traverse(): Iterable<VisitNodeStep> {
    return [
      new VisitNodeStep({ target: this.ast, phase: 1, args: [this.ast, undefined] }),
      new VisitNodeStep({ target: this.ast, phase: 2, args: [this.ast, undefined] }),
    ];
  }

  /** Comments that hold an ESLint directive (`eslint-disable`, `eslint-enable`, ...). */
  getInlineConfigNodes(): TextComment[] {
    return this.comments.filter((c) => commentParser.parseDirective(c.value) !== undefined);
  }

  getDisableDirectives(): { problems: FileProblem[]; directives: Directive[] } {
    const problems: FileProblem[] = [];
    const directives: Directive[] = [];
    for (const comment of this.getInlineConfigNodes()) {
      const parsed = commentParser.parseDirective(comment.value);
      if (parsed === undefined) continue;
      const { label, value, justification } = parsed;
      switch (label) {
        case 'eslint-disable':
        case 'eslint-enable':
        case 'eslint-disable-next-line':
        case 'eslint-disable-line':
          directives.push(
            new Directive({
              type: label.slice('eslint-'.length) as 'disable' | 'enable' | 'disable-next-line' | 'disable-line',
              node: comment,
              value,
              justification,
            }),
          );
      }
    }
    return { problems, directives };
  }
}

/** `new TextSourceCode({ text, ast })`: what `TextLanguage.createSourceCode` returns. */
export const TextSourceCode: new (init: { text: string; ast: TextDocument }) => TextSourceCode = TextSourceCodeImpl;

/** `plugin.languages.text`, used as `language: 'keyguard/text'`. */
export class TextLanguage
  implements
    Language<{ LangOptions: TextLanguageOptions; Code: TextSourceCode; RootNode: TextDocument; Node: TextNode }>
{
  readonly fileType = 'text' as const;
  readonly lineStart = 1 as const;
  readonly columnStart = 0 as const;
  readonly nodeTypeKey = 'type';
  readonly visitorKeys: Record<string, string[]> = { Document: [], Comment: [] };
  readonly defaultLanguageOptions: TextLanguageOptions = {};

  validateLanguageOptions(languageOptions: TextLanguageOptions): void {
    const keys = Object.keys(languageOptions ?? {});
    if (keys.length > 0) throw new Error(`keyguard/text takes no language options (got: ${keys.join(', ')}).`);
  }

  parse(file: File): OkParseResult<TextDocument> {
    const text = typeof file.body === 'string' ? file.body : new TextDecoder().decode(file.body);
    return { ok: true, ast: parseText(text) };
  }

  createSourceCode(file: File, input: OkParseResult<TextDocument>): TextSourceCode {
    const text = typeof file.body === 'string' ? file.body : new TextDecoder().decode(file.body);
    return new TextSourceCode({ text, ast: input.ast });
  }
}

export type { SourceLocation, SourceRange };
