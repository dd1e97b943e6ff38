// pactcheck's JavaScript face: a thin Embind layer over core/include/pactcheck/api.hpp.
//
// Contract for JavaScript callers (kept in step with wasm/pactcheck.d.ts by tests/wasm/dts.test.mjs):
// - every input is JSON text (a string, or a Uint8Array/ArrayBuffer holding UTF-8 bytes), or for importEvents and
//   check with CSV events the CSV text, and every output is JSON text: an envelope {"ok": ..., "exit_code": ..., "issues": [...], ...} as documented in api.hpp;
// - nothing throws across the boundary: malformed, hostile or huge input comes back as an error envelope with
//   located issues. The module is built without C++ exception support, so this rests on the core's own
//   no-throw contract; an allocation failure beyond the memory cap is the one exception (an abort, which
//   web/engine.mjs turns into an envelope and answers by re-creating the module);
// - a Session is a C++ object owned by JavaScript: call delete() when done with it.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "pactcheck/api.hpp"

namespace {

std::string check(const std::string& agreement_json, const std::string& events_json,
                  const std::string& options_json) {
  return pactcheck::check(agreement_json, events_json, options_json);
}

// `check` with the rendered report handed to `sink` in pieces of about a megabyte instead of held whole in the
// envelope: what a caller writing a large report to a file or a Blob uses. `sink` is called with a Uint8Array
// view of UTF-8 bytes inside the module's heap, valid only during that call (copy it), and must not throw. The
// log is released once read. Returns check's envelope without "report" and "rendered" (ok, exit_code, format,
// issues; or the error envelope, and then `sink` is never called).
std::string check_to(const std::string& agreement_json, std::string events_json, const std::string& options_json,
                     emscripten::val sink) {
  const pactcheck::CheckOutput out = pactcheck::check_output(
      agreement_json, std::move(events_json), options_json, nullptr, [&sink](std::string_view chunk) {
        sink(emscripten::typed_memory_view(chunk.size(), reinterpret_cast<const unsigned char*>(chunk.data())));
      });
  return out.envelope;
}

std::string validate(const std::string& document_json, const std::string& options_json) {
  return pactcheck::validate(document_json, options_json);
}

// The agreement and its log read as check reads them; the issues are the ones check would give for them.
std::string validate_inputs(const std::string& agreement_json, const std::string& events_json,
                            const std::string& options_json) {
  return pactcheck::validate_inputs(agreement_json, events_json, options_json);
}

// `csv` is the CSV text of an ACLED or UCDP GED export (bytes arrive as they are: invalid UTF-8 is the core's to
// refuse, with its line and column); `mapping_json` the mapping document (docs/import.md).
std::string import_events(const std::string& csv, const std::string& mapping_json, const std::string& options_json) {
  return pactcheck::import_events(csv, mapping_json, options_json);
}

std::string version() { return pactcheck::version(); }

// The envelope of a session that opened cleanly, for callers that read envelope() regardless of ok().
constexpr const char* kOpenedEnvelope = R"json({"ok":true,"exit_code":0,"issues":[]})json";

// Returned when the core reports failure without saying why: a bug in pactcheck, so exit code 3.
constexpr const char* kInternalEnvelope =
    R"json({"ok":false,"exit_code":3,"issues":[{"severity":"error","code":"internal",)json"
    R"json("message":"the session could not be opened and the core gave no reason (a bug in pactcheck)",)json"
    R"json("file":"","pointer":"","line":0,"column":0}]})json";

// A session that always exists on the JavaScript side, whether or not the inputs could be loaded, so that
// opening never has to signal failure by throwing. When the inputs are invalid, ok() is false, envelope()
// holds the located issues, report() answers with that same envelope and timeline() is an empty array.
class SessionHandle {
 public:
  static SessionHandle open(const std::string& agreement_json, const std::string& events_json,
                            const std::string& options_json) {
    SessionHandle handle;
    handle.session_ = pactcheck::Session::open(agreement_json, events_json, options_json, handle.envelope_);
    if (handle.envelope_.empty()) {
      handle.envelope_ = handle.session_ ? kOpenedEnvelope : kInternalEnvelope;
    }
    return handle;
  }

  bool ok() const { return session_ != nullptr; }

  // The envelope Session::open produced: the error envelope when ok() is false.
  std::string envelope() const { return envelope_; }

  // The report envelope at the options' as-of instant, with the options' exclusions and format.
  std::string report(const std::string& options_json) const {
    return session_ ? session_->report(options_json) : envelope_;
  }

  // JSON array of {"instant", "kind", "id"} in time order; "[]" when the session did not open.
  std::string timeline() const { return session_ ? session_->timeline() : std::string("[]"); }

 private:
  std::unique_ptr<pactcheck::Session> session_;
  std::string envelope_;
};

}  // namespace

EMSCRIPTEN_BINDINGS(pactcheck) {
  emscripten::function("check", &check);
  emscripten::function("checkTo", &check_to);
  emscripten::function("validate", &validate);
  emscripten::function("validateInputs", &validate_inputs);
  emscripten::function("importEvents", &import_events);
  emscripten::function("version", &version);
  emscripten::class_<SessionHandle>("Session")
      .class_function("open", &SessionHandle::open)
      .function("ok", &SessionHandle::ok)
      .function("envelope", &SessionHandle::envelope)
      .function("report", &SessionHandle::report)
      .function("timeline", &SessionHandle::timeline);
}
