// The JavaScript facade over the pactcheck WebAssembly module, used by the page's Web Worker and by node.
//
// What it adds to the raw module (wasm/pactcheck.d.ts):
// - one module instance, created on first use and shared (memoised), with a fresh options object each time;
// - envelopes come back parsed; inputs may be strings, Uint8Array or ArrayBuffer (UTF-8), options objects;
// - nothing escapes as an exception: if the module traps or aborts (out of memory beyond its cap, or a bug),
//   the caller gets an error envelope (exit code 3, code "module.trap"), the broken instance is dropped and the
//   next call runs on a fresh one; open sessions re-open themselves on the fresh instance from their inputs;
// - importEvents turns an ACLED or UCDP GED export (CSV) into an event log through a mapping document;
// - input larger than the module could hold is refused before it crosses into the module, as an envelope
//   (code "limits.input_bytes"), and the same limit is passed to the core.
//
// Infrastructure failures that no envelope can describe (the .wasm cannot be fetched or compiled) reject with
// an EngineError.
import createPactcheckModule from './pactcheck.mjs';

// Per document. The module's heap is capped at 2 GB (wasm/CMakeLists.txt) and a check needs about 20 times
// the event log's size (docs/wasm.md), so a larger document is refused up front, with a message, instead of
// exhausting the heap. The command line has no such cap.
export const DEFAULT_MAX_INPUT_BYTES = 64 * 1024 * 1024;

export class EngineError extends Error {
  constructor(message, options) {
    super(message, options);
    this.name = 'EngineError';
  }
}

function errorEnvelope(exitCode, code, message, extra = {}) {
  return {
    ok: false,
    exit_code: exitCode,
    issues: [{ severity: 'error', code, message, file: '', pointer: '', line: 0, column: 0, ...extra }],
  };
}

function describe(thrown) {
  if (typeof thrown === 'number') return `an uncaught C++ exception escaped the module (pointer ${thrown})`;
  if (thrown instanceof Error) return `${thrown.name}: ${thrown.message}`;
  return String(thrown);
}

function byteLength(input) {
  if (typeof input === 'string') return input.length; // UTF-16 units: never more than the UTF-8 bytes
  return input.byteLength;
}

function checkInput(value, what) {
  if (typeof value === 'string' || value instanceof Uint8Array) return value;
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  throw new TypeError(`${what} must be a string, Uint8Array or ArrayBuffer, not ${typeof value}`);
}

function optionsText(options) {
  if (options === undefined || options === null) return '{}';
  if (typeof options === 'string') return options;
  return JSON.stringify(options);
}

// An engine owns at most one live module instance. Most callers use the default engine through the exported
// functions below; tests create their own with a substitute factory.
export function createEngine({ factory = createPactcheckModule, moduleOptions = {},
                               maxInputBytes = DEFAULT_MAX_INPUT_BYTES } = {}) {
  let instance = null; // Promise of the live module
  let generation = 0; // bumped whenever an instance is dropped
  let restarts = 0;
  let lastTrap = null;

  function drop(reason) {
    instance = null;
    generation += 1;
    restarts += 1;
    lastTrap = reason;
  }

  function load() {
    if (!instance) {
      const myGeneration = generation;
      const options = {
        ...moduleOptions, // fresh object: the factory mutates and returns its options (G28)
        onAbort: (what) => {
          if (generation === myGeneration) drop(`the module aborted: ${what}`);
        },
      };
      instance = Promise.resolve()
        .then(() => factory(options))
        .catch((error) => {
          instance = null;
          throw new EngineError(`the pactcheck module could not be loaded: ${describe(error)}`, { cause: error });
        });
    }
    return instance;
  }

  // Runs `body(module)` and parses the JSON it returns; any throw becomes an envelope and a fresh instance.
  async function call(body) {
    const module = await load();
    const myGeneration = generation;
    let text;
    try {
      text = body(module);
    } catch (thrown) {
      if (generation === myGeneration) drop(describe(thrown));
      return errorEnvelope(3, 'module.trap',
        `The check stopped inside the WebAssembly module (${describe(thrown)}). The module was restarted; ` +
        'if the input is very large, it may need more memory than the page can give it.');
    }
    if (typeof text !== 'string') {
      return errorEnvelope(3, 'module.result', `the module returned ${typeof text} instead of JSON text`);
    }
    try {
      return JSON.parse(text);
    } catch (error) {
      return errorEnvelope(3, 'module.result', `the module returned malformed JSON: ${error.message}`);
    }
  }

  // Returns an envelope when an input is too large to hand to the module, else null.
  function refuseLarge(inputs) {
    for (const [name, value] of inputs) {
      if (byteLength(value) > maxInputBytes) {
        const mb = (n) => `${Math.round(n / 1048576)} MB`;
        return errorEnvelope(2, 'limits.input_bytes',
          `${name} is ${mb(byteLength(value))}, more than the ${mb(maxInputBytes)} this checker takes in one ` +
          'document; use the pactcheck command line for a file this size.', { file: name });
      }
    }
    return null;
  }

  // [[name, input]] with the names the caller gave the documents, for messages.
  function namedInputs([agreement, events], options) {
    const named = options && typeof options === 'object' ? options : {};
    return [[named.agreement_name ?? 'the agreement', agreement], [named.events_name ?? 'the event log', events]];
  }

  function withLimits(options) {
    if (options === undefined || options === null) options = {};
    if (typeof options === 'string') return options;
    const limits = { max_input_bytes: maxInputBytes, ...(options.limits ?? {}) };
    return JSON.stringify({ ...options, limits });
  }

  class EngineSession {
    #inputs;
    #openOptions;
    #handle = null;
    #generation = -1;
    #envelope = null;
    #timeline = null;
    #refused;

    constructor(agreement, events, options, refused = null) {
      this.#inputs = [agreement, events];
      this.#openOptions = options;
      this.#refused = refused;
      this.#envelope = refused;
    }

    // Opens (or re-opens, after a restart) the module-side session. Returns the open envelope.
    async ensure() {
      if (this.#refused) return this.#refused;
      if (this.#handle && this.#generation === generation) return this.#envelope;
      const [agreement, events] = this.#inputs;
      let handle = null;
      const envelope = await call((module) => {
        handle = module.Session.open(agreement, events, this.#openOptions);
        return handle.envelope();
      });
      if (handle && envelope.ok !== false && handle.ok()) {
        this.#handle = handle;
        this.#generation = generation;
      } else {
        try { handle?.delete(); } catch { /* the instance may be gone */ }
        this.#handle = null;
      }
      this.#envelope = envelope;
      return envelope;
    }

    get ok() { return this.#handle !== null; }
    get envelope() { return this.#envelope; }

    async report(options) {
      const opened = await this.ensure();
      if (!this.#handle) return opened;
      const text = optionsText(options);
      return call(() => this.#handle.report(text));
    }

    // The instants worth scrubbing to: [{instant, kind, id}] in time order ([] when the session is not open).
    async timeline() {
      await this.ensure();
      if (!this.#handle) return [];
      if (this.#timeline === null) {
        const result = await call(() => this.#handle.timeline());
        if (!Array.isArray(result)) return [];
        this.#timeline = result;
      }
      return this.#timeline;
    }

    close() {
      if (this.#handle && this.#generation === generation) {
        try { this.#handle.delete(); } catch { /* already gone */ }
      }
      this.#handle = null;
      this.#inputs = null;
    }
  }

  return {
    async ready() { await load(); },
    async version() {
      const module = await load();
      try {
        return module.version();
      } catch (thrown) {
        drop(describe(thrown));
        return 'unknown';
      }
    },
    async check(agreement, events, options) {
      const inputs = [checkInput(agreement, 'agreement'), checkInput(events, 'events')];
      const refused = refuseLarge(namedInputs(inputs, options));
      if (refused) return refused;
      const text = withLimits(options);
      return call((module) => module.check(inputs[0], inputs[1], text));
    },
    // An ACLED or UCDP GED export (CSV) into an event log, through a mapping document: the import envelope
    // {ok, exit_code, events, rendered, account, issues} (core/include/pactcheck/api.hpp).
    async importEvents(csv, mapping, options) {
      const inputs = [checkInput(csv, 'csv'), checkInput(mapping, 'mapping')];
      const named = options && typeof options === 'object' ? options : {};
      const refused = refuseLarge([[named.events_name ?? 'the CSV file', inputs[0]], [named.mapping_name ?? 'the mapping', inputs[1]]]);
      if (refused) return refused;
      const text = withLimits(options);
      return call((module) => module.importEvents(inputs[0], inputs[1], text));
    },
    async validate(document, options) {
      const input = checkInput(document, 'document');
      const refused = refuseLarge([['document', input]]);
      if (refused) return refused;
      const text = withLimits(options);
      return call((module) => module.validate(input, text));
    },
    // Always resolves to a session object; `session.ok` says whether the inputs loaded, and
    // `session.envelope` holds the located issues when they did not.
    async openSession(agreement, events, options) {
      const inputs = [checkInput(agreement, 'agreement'), checkInput(events, 'events')];
      const refused = refuseLarge(namedInputs(inputs, options));
      const session = new EngineSession(inputs[0], inputs[1], withLimits(options), refused);
      await session.ensure();
      return session;
    },
    stats() { return { restarts, lastTrap, generation }; },
  };
}

const defaultEngine = createEngine();

export const ready = () => defaultEngine.ready();
export const version = () => defaultEngine.version();
export const check = (agreement, events, options) => defaultEngine.check(agreement, events, options);
export const validate = (document, options) => defaultEngine.validate(document, options);
export const importEvents = (csv, mapping, options) => defaultEngine.importEvents(csv, mapping, options);
export const openSession = (agreement, events, options) => defaultEngine.openSession(agreement, events, options);
export const stats = () => defaultEngine.stats();
