/** Where a CLI run reads and writes. `main(argv, env, io)` never touches `process` directly. */
export interface OutputStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  /** The terminal's width, when it is one. */
  columns?: number;
}

export interface CliIO {
  stdout: OutputStream;
  stderr: OutputStream;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  /** The directory paths are resolved against and reported relative to. */
  cwd: string;
}

export type CliEnv = Readonly<Record<string, string | undefined>>;
