// Helpers shared by the renderers (render.cpp, render_html.cpp, render_csv.cpp, render_junit.cpp,
// render_geojson.cpp): reading the report JSON without throwing, the wording the text views share, and the
// escaping each output language needs. Every renderer reads only the report JSON, never the engine.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace pactcheck::render {

using OJson = nlohmann::ordered_json;

constexpr std::size_t kMaxListedIds = 40;  // longer id lists are cut, with a count and where to find the rest
// Events listed under an obligation's evidence in the text and Markdown reports; the rest are counted, with
// where to find them (the JSON report lists every one).
constexpr std::size_t kMaxListedEvidenceEvents = 40;
// "    ... and 52,802 more events (105,604 entries): the JSON report (--format json) lists every one", for the
// evidence of `events` distinct events and `entries` entries past the listed ones.
std::string evidence_rest_text(std::size_t events, std::size_t entries);
// How many of an obligation's evidence entries, from the first, the text and Markdown reports list: those of its
// first kMaxListedEvidenceEvents events (an event's entries are consecutive).
std::size_t listed_evidence_entries(const OJson& obligation);
// "and N more events (M entries): ..." for the entries past `listed`, or "" when there are none.
std::string evidence_rest(const OJson& obligation, std::size_t listed);

// ---- Reading the report without exceptions ----------------------------------------------------------------

// A null value, for references to nothing.
const OJson& nothing();
// j[key] when j is an object holding key, else a null value (never inserts, never throws).
const OJson& member(const OJson& j, const char* key);
// j[key] when it is an array, else an empty array.
const OJson& items(const OJson& j, const char* key);
// j[key] when it is a string, else "".
std::string str(const OJson& j, const char* key);
// j[key] when it is a boolean, else `otherwise`.
bool flag(const OJson& j, const char* key, bool otherwise = false);
// j[key] as its JSON text when it is a number ("2", "2.5"), else "".
std::string number_text(const OJson& j, const char* key);
// j[key] as an integer when it is a number, else 0.
long long integer(const OJson& j, const char* key);

// ---- Escaping ----------------------------------------------------------------------------------------------

// Control characters (C0, DEL, C1) and bidirectional controls shown as \u{XXXX}; everything else as is.
std::string safe(const std::string& s);
// Text for HTML or XML (element content and quoted attribute values alike): safe(), then & < > " ' as
// character references. U+FFFE and U+FFFF, which XML forbids, are shown as \u{FFFE} and \u{FFFF}.
std::string markup(const std::string& s);
// One CSV field (RFC 4180): a value that begins with = + - @ TAB or CR gets a leading ' so that no spreadsheet
// reads it as a formula; then quoted (quotes doubled) when it holds a comma, quote, CR or LF.
std::string csv_field(const std::string& s);

// ---- Wording shared by the human-readable views -------------------------------------------------------------

std::string words(std::string s);  // "not_triggered" -> "not triggered"
bool is_web_url(const std::string& url);
std::map<std::string, std::string> names_of(const OJson& r);       // party and monitor id -> name
std::map<std::string, const OJson*> event_index(const OJson& r);  // evidence event id -> its details
std::string title_of(const OJson& o);                              // the title, else the id
std::string counts_line(const OJson& counts);
std::string events_line(const OJson& r);
std::string where_text(const OJson& e);
std::string quantities_text(const OJson& e, const std::map<std::string, std::string>& names);
std::string deadline_text(const OJson& d);
std::string notices_text(const OJson& n);
std::string id_list(const OJson& ids);
std::string evidence_role(const OJson& e, const std::map<std::string, std::string>& names);

// Every distinct source of the evidence events, numbered in order of first appearance.
class Sources {
 public:
  // Numbered in the order of events.evidence_events; with `listed_only`, only the sources of the evidence the
  // text and Markdown reports list (listed_evidence_entries).
  explicit Sources(const OJson& r, bool listed_only = false);
  std::string refs(const OJson& event) const;  // "[1, 3]", or "" for an event without sources
  std::vector<std::size_t> numbers(const OJson& event) const;
  const std::vector<const OJson*>& list() const { return list_; }

 private:
  std::map<std::string, std::size_t> number_;
  std::vector<const OJson*> list_;
};

}  // namespace pactcheck::render
