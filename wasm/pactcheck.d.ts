// TypeScript declarations for pactcheck.mjs, the WebAssembly module built from wasm/bindings.cpp.
// Hand-written (Emscripten 3.1.6 cannot emit them); tests/wasm/dts.test.mjs fails when this file and the
// bindings disagree on the functions, classes or methods exported.
//
//   import createPactcheckModule from './pactcheck.mjs';
//   const pactcheck = await createPactcheckModule();
//   const envelope: Envelope = JSON.parse(pactcheck.check(agreementText, eventsText, '{"as_of":"2020-11-16T12:00:00+04:00"}'));
//
// Every input is JSON text: a string, or the UTF-8 bytes of one. Every result is JSON text, an envelope; no call
// throws for any input. Options are JSON text of {@link CheckOptions} (check, Session.open) or
// {@link ReportOptions} (Session.report), as core/src/api.cpp reads them.

/** JSON text, or its UTF-8 bytes (copied into the module byte for byte). */
export type JsonInput = string | Uint8Array | ArrayBuffer;

/** Takes one piece of a rendered report: UTF-8 bytes viewing the module's heap, valid only during the call. */
export type ReportSink = (chunk: Uint8Array) => void;

/** The module instance the factory resolves to. */
export interface PactcheckModule {
  /** Checks an event log against an agreement; returns a check envelope (see {@link CheckEnvelope}) as JSON text. */
  check(agreement: JsonInput, events: JsonInput, options: string): string;
  /**
   * check(), with the rendered report handed to `sink` in pieces of about a megabyte (a Uint8Array of UTF-8 bytes
   * viewing the module's heap, valid only during the call: copy it; the sink must not throw) instead of held in
   * the envelope. Returns the envelope without `report` and `rendered` as JSON text; on an error envelope the
   * sink is never called. For reports too large to hold twice (a million events).
   */
  checkTo(agreement: JsonInput, events: JsonInput, options: string, sink: ReportSink): string;
  /** Validates one document of any pactcheck format; returns a validation envelope as JSON text. */
  validate(document: JsonInput, options: string): string;
  /**
   * Validates an agreement and its event log together, read exactly as check() reads them (same options): the
   * issues are every error and warning check() would give for these files, and `strict` turns exactly those
   * warnings into errors. Nothing is evaluated. Returns {@link ValidateInputsEnvelope} as JSON text.
   */
  validateInputs(agreement: JsonInput, events: JsonInput, options: string): string;
  /**
   * Turns an ACLED or UCDP GED export (CSV text or its bytes) into a pactcheck/events document through a mapping
   * document (docs/import.md); returns an import envelope (see {@link ImportEnvelope}) as JSON text. Options:
   * {@link ImportOptions}. To check CSV events directly, give check() the options events_format and mapping.
   */
  importEvents(csv: JsonInput, mapping: JsonInput, options: string): string;
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
  /**
   * The check envelope at options.as_of (and, if given, as it could have been known at options.known_at) with
   * options.exclude left out, in options.format: JSON text of {@link ReportOptions}.
   */
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

// ---- JSON shapes (the options, and the results above once parsed) -------------------------------------------

/** What a report is asked for: the options of Session.report (and part of check's). Unknown members are refused. */
export interface ReportOptions {
  /** RFC 3339 instant with an offset; default: the latest time an event in the log may have happened at. */
  as_of?: string | null;
  /**
   * Knowledge mode: the report as it could have been written at this instant (only events reported by then
   * exist). Absent or null: hindsight (everything in the log; evidence reported after as_of is marked as later
   * knowledge). Pass the as-of instant for "as it could have been known then". When as_of is absent, as_of is
   * this instant.
   */
  known_at?: string | null;
  /** Default "json". The rendering in the envelope's `rendered` (docs/format.md, "Report"). */
  format?: 'json' | 'text' | 'markdown' | 'html' | 'csv' | 'junit' | 'geojson';
  /** What-if: event ids left out, reported as excluded. */
  exclude?: string[];
  /** Default true. false: the envelope has no `report` object (the rendered text alone, written once). */
  report?: boolean;
  /** Default true. false: the envelope has no `rendered` (the report object alone). Not both false. */
  rendered?: boolean;
  /**
   * Default true. false (format "json" only): the report leaves out events.evidence_events and says so with
   * events.evidence_events_omitted; every evidence item still names its event (the page holds the log itself).
   */
  event_details?: boolean;
}

/** The options of check() and Session.open: a report's, plus how the inputs are read. */
export interface CheckOptions extends ReportOptions {
  /** Warnings count as errors. */
  strict?: boolean;
  /** The names issues locate the inputs by (default "agreement" and "events"). */
  agreement_name?: string;
  events_name?: string;
  limits?: { max_input_bytes?: number; max_depth?: number; max_string_bytes?: number; max_events?: number };
}

export type Status = 'violated' | 'undetermined' | 'complied_late' | 'cured' | 'pending' | 'suspended' |
  'not_triggered' | 'ended' | 'complied';

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

/** The options of importEvents, as JSON text. Every member is optional. */
export interface ImportOptions {
  /** The export the file is read as; must be the mapping's source. */
  source?: 'acled' | 'ucdp';
  /** Names used in issue locations and in each event's origin. */
  events_name?: string;
  mapping_name?: string;
  /** The log's title (default: the mapping's log.title). */
  title?: string;
  /** Warnings count as errors. */
  strict?: boolean;
  limits?: { max_input_bytes?: number; max_depth?: number; max_string_bytes?: number; max_events?: number };
}

/** What became of one data row of the CSV. */
export interface ImportedRow {
  /** The 1-based line the row starts on. */
  line: number;
  /** The row's own id as written (ACLED event_id_cnty, UCDP id). */
  row: string;
  /** The id of the event made from it. */
  event: string;
  fate: 'imported' | 'unmapped';
  /** Imported: the event types it was given. */
  types?: string[];
  /** Unmapped: why (the event's "unmapped" text, which a check reports as the reason it is ignored). */
  reason?: string;
  /** What else the import noticed (an actor the mapping does not name, a precision without a rule, ...). */
  notes?: string[];
}

export interface ImportAccount {
  source: 'acled' | 'ucdp';
  file: string;
  header_line: number;
  /** The line of HDX's HXL hashtag row, which was skipped; null when there was none. */
  hxl_line: number | null;
  rows: number;
  imported: number;
  unmapped: number;
  by_row: ImportedRow[];
}

export interface ImportEnvelope {
  ok: boolean;
  /** 0 imported, 2 invalid input (the CSV or the mapping), 3 internal error. */
  exit_code: 0 | 2 | 3;
  issues: Issue[];
  /** Present when ok: the pactcheck/events document (schemas/events.schema.json). */
  events?: Record<string, unknown>;
  /** Present when ok: the document as the CLI writes it (pretty JSON ending with a newline). */
  rendered?: string;
  /** Present when ok: every row, imported or kept as unmapped. */
  account?: ImportAccount;
}

export interface ValidateInputsEnvelope {
  ok: boolean;
  /** 0 the files can be checked, 2 invalid input, 3 internal error. */
  exit_code: 0 | 2 | 3;
  /** Present when ok: the number of events read. */
  events?: number;
  issues: Issue[];
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
