// TypeScript declarations for pactcheck.mjs, the WebAssembly module built from wasm/bindings.cpp.
// Hand-written (Emscripten 3.1.6 cannot emit them); tests/wasm/dts.test.mjs fails when this file and the
// bindings disagree on the functions, classes or methods exported.
//
//   import createPactcheckModule from './pactcheck.mjs';
//   const pactcheck = await createPactcheckModule();
//   const envelope: Envelope = JSON.parse(pactcheck.check(agreementText, eventsText, '{"as_of":"2020-11-16T12:00:00+04:00"}'));
//
// Every input is JSON text: a string, or the UTF-8 bytes of one. Every result is JSON text, an envelope; no call
// throws for any input. Options are documented in core/include/pactcheck/api.hpp.

/** JSON text, or its UTF-8 bytes (copied into the module byte for byte). */
export type JsonInput = string | Uint8Array | ArrayBuffer;

/** The module instance the factory resolves to. */
export interface PactcheckModule {
  /** Checks an event log against an agreement; returns a check envelope (see {@link CheckEnvelope}) as JSON text. */
  check(agreement: JsonInput, events: JsonInput, options: string): string;
  /** Validates one document of any pactcheck format; returns a validation envelope as JSON text. */
  validate(document: JsonInput, options: string): string;
  /** pactcheck's version, e.g. "0.1.0". */
  version(): string;
  /** Load-once, query-many sessions over one agreement and event log. */
  Session: SessionConstructor;
}

export interface SessionConstructor {
  /**
   * Loads an agreement and an event log. Always returns a Session: when the inputs are invalid, `ok()` is false
   * and `envelope()` holds the located issues. The caller owns the result and must call `delete()`.
   */
  open(agreement: JsonInput, events: JsonInput, options: string): Session;
}

/** A C++ object owned by JavaScript: call delete() when done. */
export interface Session {
  /** Whether the inputs loaded. */
  ok(): boolean;
  /** The envelope of opening: {"ok":true,...} or the error envelope with the located issues. */
  envelope(): string;
  /** The check envelope at options.as_of with options.exclude left out, in options.format. */
  report(options: string): string;
  /** JSON array of {@link TimelinePoint}, in time order ("[]" when the session did not open). */
  timeline(): string;
  /** Frees the C++ object. Any later call throws a BindingError. */
  delete(): void;
  isDeleted(): boolean;
}

/** Factory options: how the .wasm is found and where the module's messages go. */
export interface ModuleOptions {
  /** The .wasm's bytes, when the caller loads them itself. */
  wasmBinary?: ArrayBuffer | Uint8Array;
  /** Maps "pactcheck.wasm" to the URL it should be fetched from. */
  locateFile?: (path: string, scriptDirectory: string) => string;
  instantiateWasm?: (imports: WebAssembly.Imports,
                     receive: (instance: WebAssembly.Instance, module?: WebAssembly.Module) => void) => unknown;
  print?: (text: string) => void;
  printErr?: (text: string) => void;
  /** Called when the module aborts (for example out of memory); the instance must then be discarded. */
  onAbort?: (what: unknown) => void;
}

/**
 * Creates a module instance. Pass a fresh options object each time: the factory mutates it.
 * Under node the .wasm next to pactcheck.mjs is read from disk; in a browser it is fetched relative to the .mjs.
 */
export default function createPactcheckModule(options?: ModuleOptions): Promise<PactcheckModule>;

// ---- JSON shapes (the results above, once parsed) ----------------------------------------------------------

export type Status = 'violated' | 'undetermined' | 'complied_late' | 'cured' | 'pending' | 'suspended' |
  'not_triggered' | 'complied';

export interface Issue {
  severity: 'error' | 'warning';
  /** Stable machine-readable code, e.g. "json.syntax". */
  code: string;
  message: string;
  /** The input the issue is in, as the caller named it. */
  file: string;
  /** RFC 6901 JSON Pointer into that input, "" when not inside it. */
  pointer: string;
  /** 1-based; 0 when the issue has no line and column (then the pointer locates it). */
  line: number;
  column: number;
}

export interface CheckEnvelope {
  ok: boolean;
  /** 0 no obligation violated, 1 at least one violated, 2 invalid input, 3 internal error. */
  exit_code: 0 | 1 | 2 | 3;
  issues: Issue[];
  /** Present when ok: the report (format pactcheck/report, see schemas/report.schema.json). */
  report?: Record<string, unknown>;
  /** Present when ok: the exact bytes the CLI prints for the requested format. */
  rendered?: string;
}

export interface ValidateEnvelope {
  ok: boolean;
  exit_code: 0 | 2 | 3;
  /** The document's format tag, e.g. "pactcheck/events", when it could be read. */
  format?: string;
  issues: Issue[];
}

export interface TimelinePoint {
  instant: string;
  kind: 'event' | 'deadline';
  id: string;
}
