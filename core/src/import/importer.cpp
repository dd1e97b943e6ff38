#include "import/importer.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "fields.hpp"
#include "import/csv.hpp"
#include "pactcheck/time.hpp"
#include "pactcheck/version.hpp"
#include "text.hpp"

namespace pactcheck::import {
namespace {

using OJson = nlohmann::ordered_json;

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string in_quotes(std::string_view s) {
  std::string out = "\"";
  out += s.size() > 80 ? std::string(s.substr(0, 77)) + "..." : std::string(s);
  return out + "\"";
}

// "12", "12.5", "-7.25": a plain decimal number (no exponent, no hex, no spaces), as a double.
std::optional<double> parse_number(std::string_view s, bool allow_sign) {
  s = trim(s);
  std::size_t i = 0;
  if (allow_sign && i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
  const std::size_t digits_start = i;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  if (i == digits_start || i - digits_start > 15) return std::nullopt;
  if (i < s.size() && s[i] == '.') {
    ++i;
    const std::size_t frac = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    if (i == frac || i - frac > 15) return std::nullopt;
  }
  if (i != s.size()) return std::nullopt;
  // strtod reads a '.' decimal point in the "C" locale, which no pactcheck host changes.
  const std::string copy(s);
  const double v = std::strtod(copy.c_str(), nullptr);
  if (!std::isfinite(v)) return std::nullopt;
  return v;
}

std::optional<long long> parse_whole(std::string_view s) {
  s = trim(s);
  if (s.empty() || s.size() > 15) return std::nullopt;
  long long v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

int month_from_name(std::string_view name) {
  static const char* kMonths[] = {"january", "february", "march",     "april",   "may",      "june",
                                  "july",    "august",   "september", "october", "november", "december"};
  std::string lower;
  for (char c : name) lower.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  for (int m = 0; m < 12; ++m) {
    const std::string full = kMonths[m];
    if (lower == full || (lower.size() == 3 && full.compare(0, 3, lower) == 0) || (lower == "sept" && m == 8)) return m + 1;
  }
  return 0;
}

LocalDate plus_days(const LocalDate& d, std::int64_t n) { return civil_from_days(days_from_civil(d) + n); }

bool in_range(const LocalDate& d) { return d.year >= 1 && d.year <= 9999; }

std::vector<std::string> split_names(std::string_view s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= s.size()) {
    const std::size_t end = std::min(s.find(';', start), s.size());
    const std::string_view part = trim(s.substr(start, end - start));
    if (!part.empty()) out.emplace_back(part);
    start = end + 1;
  }
  return out;
}

// The columns each source's importer reads: required ones must be in the header.
struct Layout {
  std::vector<const char*> required;
  const char* id;
  const char* label;      // "ACLED", "UCDP GED"
  const char* id_column;  // for messages
};

const Layout& layout(Source s) {
  static const Layout acled{{"event_id_cnty", "event_date", "time_precision", "event_type", "sub_event_type", "actor1"},
                            "event_id_cnty", "ACLED", "event_id_cnty"};
  static const Layout ucdp{{"id", "type_of_violence", "date_prec", "date_start", "date_end", "side_a", "side_b"},
                           "id", "UCDP GED", "id"};
  return s == Source::kAcled ? acled : ucdp;
}

class Importer {
 public:
  Importer(const Mapping& m, const ImportOptions& o, std::vector<Issue>& issues) : m_(m), o_(o), issues_(issues) {}

  ImportResult run(std::string_view csv) {
    csv::Options copts;
    copts.file = o_.file;
    copts.limits = o_.limits;
    copts.progress = o_.progress;
    OJson events = OJson::array();
    OJson rows = OJson::array();
    bool header_ok = true;
    std::int64_t hxl_line = 0;
    const bool read = csv::read(csv, copts, [&](csv::Record&& r) {
      if (r.index == 0) {
        header_ok = header(r);
        return header_ok;
      }
      if (r.index == 1 && !r.fields.empty() && !r.fields[0].text.empty() && trim(r.fields[0].text).substr(0, 1) == "#") {
        hxl_line = r.line;  // HDX's HXL hashtag row: labels, not an event
        return true;
      }
      row(r, events, rows);
      return true;
    }, issues_);
    ImportResult result;
    result.ok = read && header_ok;
    if (!result.ok) return result;
    result.rows = rows.size();
    result.imported = imported_;
    result.unmapped = rows.size() - imported_;
    result.lines = std::move(lines_);
    const std::string label = layout(m_.source).label;
    OJson doc{{"format", "pactcheck/events"}, {"version", 1}};
    doc["title"] = !o_.title.empty() ? o_.title : !m_.log_title.empty() ? m_.log_title : label + " export " + o_.file;
    if (!m_.log_description.empty()) doc["description"] = m_.log_description;
    doc["synthetic"] = m_.synthetic;
    doc["import"] = OJson{{"generator", std::string("pactcheck ") + PACTCHECK_VERSION},
                          {"source", source_name(m_.source)},
                          {"file", o_.file},
                          {"mapping", m_.title},
                          {"rows", result.rows},
                          {"imported", result.imported},
                          {"unmapped", result.unmapped}};
    doc["events"] = std::move(events);
    result.events = std::move(doc);
    result.account = OJson{{"source", source_name(m_.source)},
                           {"file", o_.file},
                           {"header_line", header_line_},
                           {"hxl_line", hxl_line > 0 ? OJson(hxl_line) : OJson(nullptr)},
                           {"rows", result.rows},
                           {"imported", result.imported},
                           {"unmapped", result.unmapped},
                           {"by_row", std::move(rows)}};
    return result;
  }

 private:
  struct Cell {
    std::string_view text;
    std::int64_t line = 0, column = 0;
    bool present = false;
  };

  void issue(Severity severity, const char* code, std::string message, std::int64_t line, std::int64_t column) {
    Issue i;
    i.severity = severity;
    i.code = code;
    i.message = std::move(message);
    i.file = o_.file;
    i.line = line;
    i.column = column;
    issues_.push_back(std::move(i));
  }

  bool header(const csv::Record& r) {
    header_line_ = r.line;
    for (std::size_t i = 0; i < r.fields.size(); ++i) {
      const std::string name(trim(r.fields[i].text));
      if (name.empty()) continue;
      if (!columns_.emplace(name, i).second) {
        issue(Severity::kWarning, "import.duplicate_column",
              "the header names column \"" + name + "\" twice; the first is read", r.fields[i].line, r.fields[i].column);
      }
    }
    const Layout& l = layout(m_.source);
    bool ok = true;
    for (const char* name : l.required) {
      if (!columns_.count(name)) {
        issue(Severity::kError, "import.missing_column",
              std::string("the header has no column \"") + name + "\", which every " + l.label + " file has",
              r.line, 1);
        ok = false;
      }
    }
    if (!ok) return false;
    // Optional columns the mapping relies on.
    auto want = [&](const std::string& name, const std::string& why) {
      if (!name.empty() && !columns_.count(name) && warned_.insert(name).second) {
        issue(Severity::kWarning, "import.missing_column", "the header has no column \"" + name + "\": " + why, r.line, 1);
      }
    };
    for (const QuantityRule& q : m_.quantities) {
      want(q.column, "the mapping's quantity " + q.category + " is not imported");
      want(q.min_column, "no minimum of " + q.category + " is imported");
      want(q.max_column, "no maximum of " + q.category + " is imported");
    }
    want(m_.reported_column, "no event gets a reported instant");
    for (const TypeRule& t : m_.types) want(t.subject_column, "no subject is read from it");
    return true;
  }

  Cell cell(const csv::Record& r, const std::string& name) const {
    Cell c;
    const auto it = columns_.find(name);
    if (it == columns_.end() || it->second >= r.fields.size()) return c;
    const csv::Field& f = r.fields[it->second];
    c.text = f.text;
    c.line = f.line;
    c.column = f.column;
    c.present = true;
    return c;
  }
  std::string_view text(const csv::Record& r, const std::string& name) const { return trim(cell(r, name).text); }

  // The time of a row: its date(s) through the mapping's precision rule. Adds reasons when it cannot.
  struct When {
    bool known = false;
    LocalDate first, last;  // local dates, both inclusive
  };

  When time_of(const csv::Record& r, std::vector<std::string>& reasons, std::vector<std::string>& notes) {
    const bool acled = m_.source == Source::kAcled;
    const std::string date_col = acled ? "event_date" : "date_start";
    const std::string prec_col = acled ? "time_precision" : "date_prec";
    const std::string_view date_text = text(r, date_col);
    When w;
    const auto date = parse_export_date(date_text);
    if (!date) {
      reasons.push_back(date_col + " " + in_quotes(date_text) + " is not a date");
    }
    std::optional<LocalDate> end;
    if (!acled) {
      const std::string_view end_text = text(r, "date_end");
      end = parse_export_date(end_text);
      if (!end) {
        reasons.push_back("date_end " + in_quotes(end_text) + " is not a date");
      } else if (date && days_from_civil(*end) < days_from_civil(*date)) {
        reasons.push_back("date_end " + in_quotes(end_text) + " is before date_start " + in_quotes(date_text));
        end.reset();
      }
    }
    const std::string code(text(r, prec_col));
    const auto rule = m_.time_rules.find(code);
    if (rule == m_.time_rules.end()) {
      reasons.push_back(prec_col + " " + in_quotes(code) + " has no rule in the mapping");
    } else if (rule->second.kind == TimeRule::Kind::kUnmapped) {
      reasons.push_back(prec_col + " " + code + ": " + rule->second.reason);
    }
    if (!date) return w;
    if (rule == m_.time_rules.end() || rule->second.kind == TimeRule::Kind::kUnmapped || (!acled && !end)) {
      // The date is readable but its precision is not known: the whole year, which certainly holds it.
      w.known = true;
      w.first = LocalDate{date->year, 1, 1};
      w.last = LocalDate{date->year, 12, 31};
      notes.push_back("the time is the whole year " + std::to_string(date->year) + ": the precision of the date is not known");
      return w;
    }
    const TimeRule& t = rule->second;
    w.known = true;
    switch (t.kind) {
      case TimeRule::Kind::kDay: w.first = w.last = *date; break;
      case TimeRule::Kind::kDays:
        w.first = plus_days(*date, -t.either_side);
        w.last = plus_days(*date, t.either_side);
        break;
      case TimeRule::Kind::kMonth:
        w.first = LocalDate{date->year, date->month, 1};
        w.last = plus_days(date->month == 12 ? LocalDate{date->year + 1, 1, 1} : LocalDate{date->year, date->month + 1, 1}, -1);
        break;
      case TimeRule::Kind::kYear:
        w.first = LocalDate{date->year, 1, 1};
        w.last = LocalDate{date->year, 12, 31};
        break;
      case TimeRule::Kind::kStartToEnd:
        w.first = *date;
        w.last = *end;
        break;
      case TimeRule::Kind::kUnmapped: break;
    }
    if (!in_range(w.first) || !in_range(w.last)) {
      reasons.push_back("the time range leaves the years 1 to 9999");
      w.known = false;
    }
    return w;
  }

  // Writes time, utc_offset/zone, precision and latest; returns the range in UTC milliseconds.
  TimeRange write_time(const When& w, OJson& e) {
    const Zone& zone = m_.zone;
    if (!w.known) {  // nothing readable: the widest range there is (the row is unmapped anyway)
      e["time"] = "0001-01-01T00:00:00Z";
      e["precision"] = "range";
      e["latest"] = "9999-12-31T23:59:59.999Z";
      return TimeRange{days_from_civil(LocalDate{1, 1, 1}) * 86'400'000, days_from_civil(LocalDate{9999, 12, 31}) * 86'400'000 + 86'399'999};
    }
    const std::int64_t start = start_of_day_utc(w.first, zone);
    const std::int64_t end = start_of_day_utc(plus_days(w.last, 1), zone) - 1;
    if (days_from_civil(w.first) == days_from_civil(w.last)) {
      e["time"] = format_date(w.first);
      if (m_.named_zone) {
        e["zone"] = zone.name();
      } else {
        e["utc_offset"] = format_offset(zone.offset_minutes_at(start));
      }
      return TimeRange{start, end};
    }
    e["time"] = format_instant(start, zone);
    if (m_.named_zone) e["zone"] = zone.name();
    e["precision"] = "range";
    e["latest"] = format_instant(end, zone);
    return TimeRange{start, end};
  }

  std::string unique_id(std::string id, std::int64_t line) {
    if (ids_.insert(id).second) return id;
    std::string alt = id + "-line" + std::to_string(line);
    for (int k = 2; !ids_.insert(alt).second; ++k) alt = id + "-line" + std::to_string(line) + "-" + std::to_string(k);
    return alt;
  }

  void row(const csv::Record& r, OJson& events, OJson& rows) {
    const bool acled = m_.source == Source::kAcled;
    const Layout& l = layout(m_.source);
    std::vector<std::string> reasons, notes;
    OJson e = OJson::object();

    // The id.
    const std::string raw_id(text(r, l.id));
    std::string id = m_.id_prefix + raw_id;
    const bool usable = !raw_id.empty() && Fields::is_id(id);
    if (!usable) {
      reasons.push_back(std::string(l.id_column) + " " + in_quotes(raw_id) + " is not a usable event id");
      id = "row-" + std::to_string(r.line);
    }
    const auto first = first_line_.find(id);
    if (usable && first != first_line_.end()) {
      reasons.push_back(std::string(l.id_column) + " " + raw_id + " repeats the row on line " + std::to_string(first->second));
    } else if (usable) {
      first_line_[id] = r.line;
    }
    id = unique_id(id, r.line);
    e["id"] = id;

    if (!r.problem_code.empty()) reasons.insert(reasons.begin(), "the row is not well-formed CSV: " + r.problem);
    const bool broken = !r.problem_code.empty();

    // The time (of a row that is not well-formed CSV, only what can be read: its CSV problem is the reason).
    std::vector<std::string> time_reasons;
    const When w = time_of(r, broken ? time_reasons : reasons, notes);
    const TimeRange when = write_time(w, e);

    // The reported instant.
    if (!broken && !m_.reported_column.empty() && columns_.count(m_.reported_column)) {
      const Cell c = cell(r, m_.reported_column);
      const std::string_view t = trim(c.text);
      if (!t.empty()) {
        std::optional<std::int64_t> at;
        if (m_.reported_as == "unix_seconds") {
          const auto secs = parse_whole(t);
          if (secs && *secs <= 253'402'300'799LL) at = *secs * 1000;
        } else if (const auto d = parse_export_date(t)) {
          at = start_of_day_utc(plus_days(*d, 1), m_.zone) - 1;
        }
        if (!at) {
          warn_cell(c, m_.reported_column + " " + in_quotes(t) + " is not " +
                           (m_.reported_as == "unix_seconds" ? "a Unix time in seconds" : "a date") + "; no reported instant is given",
                    notes);
        } else if (*at < when.earliest) {
          warn_cell(c, m_.reported_column + " " + in_quotes(t) + " is before the event happened; no reported instant is given", notes);
        } else {
          e["reported"] = format_instant(*at, m_.reported_as == "unix_seconds" ? Zone() : m_.zone);
        }
      }
    }

    // The type.
    const TypeRule* rule = nullptr;
    std::string classification;
    if (acled) {
      const std::string type(text(r, "event_type")), sub(text(r, "sub_event_type"));
      classification = "event_type " + in_quotes(type) + ", sub_event_type " + in_quotes(sub);
      rule = m_.find_rule(type, sub);
    } else {
      const std::string_view v = text(r, "type_of_violence");
      classification = "type_of_violence " + in_quotes(v);
      const auto n = parse_whole(v);
      if (n && *n >= 1 && *n <= 3) rule = m_.find_rule(static_cast<int>(*n));
    }
    if (!broken) {
      if (!rule) {
        reasons.push_back(classification + ": no rule in the mapping");
      } else if (!rule->unmapped.empty()) {
        reasons.push_back(classification + ": " + rule->unmapped);
      }
    }
    const bool typed = !broken && rule && rule->unmapped.empty();
    if (typed) {
      if (rule->types.size() == 1) {
        e["type"] = rule->types.front();
      } else {
        e["types"] = rule->types;
      }
      if (!rule->subject.empty()) {
        e["subject"] = rule->subject;
      } else if (!rule->subject_column.empty() && columns_.count(rule->subject_column)) {
        const std::string value(text(r, rule->subject_column));
        const auto s = rule->subject_values.find(value);
        if (s != rule->subject_values.end()) e["subject"] = s->second;
      }
    }

    if (!broken) {
      actors(r, rule, e, notes);
      where(r, e, reasons, notes);
      quantities(r, e, notes);
      if (!m_.attribution_basis.empty()) e["attribution"] = OJson{{"basis", m_.attribution_basis}};
      const std::string notes_text(trim(cell(r, acled ? "notes" : "source_headline").text));
      if (!notes_text.empty()) e["notes"] = notes_text;
      sources(r, raw_id, e);
    }
    const bool unmapped = !reasons.empty();
    if (unmapped) {
      std::string all;
      for (const std::string& why : reasons) all += (all.empty() ? "" : "; ") + why;
      e["unmapped"] = all;
    }
    e["origin"] = OJson{{"format", source_name(m_.source)}, {"file", o_.file}, {"line", r.line}, {"row", raw_id}};
    if (!broken) extra(r, e);

    OJson entry{{"line", r.line}, {"row", raw_id}, {"event", id}, {"fate", unmapped ? "unmapped" : "imported"}};
    if (typed && !unmapped) entry["types"] = rule->types;
    if (unmapped) entry["reason"] = e["unmapped"];
    if (!notes.empty()) entry["notes"] = notes;
    if (!unmapped) ++imported_;
    lines_.push_back(r.line);
    events.push_back(std::move(e));
    rows.push_back(std::move(entry));
  }

  void warn_cell(const Cell& c, std::string message, std::vector<std::string>& notes) {
    issue(Severity::kWarning, "import.value", message, c.line, c.column);
    notes.push_back(std::move(message));
  }

  void actors(const csv::Record& r, const TypeRule* rule, OJson& e, std::vector<std::string>& notes) {
    const std::vector<std::string>& charged = rule && !rule->charge.empty() ? rule->charge : m_.charge;
    OJson list = OJson::array();
    std::vector<std::string> others;
    std::set<std::string> seen;
    for (const std::string& column : actor_columns(m_.source)) {
      const bool charge = std::find(charged.begin(), charged.end(), column) != charged.end();
      const std::string_view value = cell(r, column).text;
      // ACLED's associated actors are lists ("A; B"); main actors and UCDP sides are one name each.
      std::vector<std::string> names = column.rfind("assoc", 0) == 0 ? split_names(value) : std::vector<std::string>{};
      if (column.rfind("assoc", 0) != 0 && !trim(value).empty()) names.emplace_back(trim(value));
      for (const std::string& name : names) {
        if (!charge) {
          if (std::find(others.begin(), others.end(), name) == others.end()) others.push_back(name);
          continue;
        }
        if (!seen.insert(name).second) continue;
        OJson a{{"name", name}};
        const auto it = m_.actors.find(name);
        if (it != m_.actors.end()) {
          if (it->second.non_party) {
            a["non_party"] = true;
          } else {
            a["party"] = it->second.party;
          }
        } else {
          notes.push_back("actor " + in_quotes(name) + " (" + column + ") is not in the mapping: unattributed unless the agreement names it");
        }
        list.push_back(std::move(a));
      }
    }
    if (!list.empty()) e["actors"] = std::move(list);
    if (!others.empty()) e["target"] = join_names(others, "; ");
  }

  void where(const csv::Record& r, OJson& e, std::vector<std::string>& reasons, std::vector<std::string>& notes) {
    const bool acled = m_.source == Source::kAcled;
    std::vector<std::string> parts;
    for (const char* column : acled ? std::vector<const char*>{"location", "admin2", "admin1", "country"}
                                    : std::vector<const char*>{"where_coordinates", "adm_2", "adm_1", "country"}) {
      const std::string part(text(r, column));
      if (!part.empty() && std::find(parts.begin(), parts.end(), part) == parts.end()) parts.push_back(part);
    }
    OJson w = OJson::object();
    if (!parts.empty()) w["name"] = join_names(parts, ", ");
    const Cell lat_cell = cell(r, "latitude"), lon_cell = cell(r, "longitude");
    const std::string_view lat_text = trim(lat_cell.text), lon_text = trim(lon_cell.text);
    if (!lat_text.empty() || !lon_text.empty()) {
      const auto lat = parse_number(lat_text, true), lon = parse_number(lon_text, true);
      if (!lat || *lat < -90 || *lat > 90) {
        warn_cell(lat_cell, "latitude " + in_quotes(lat_text) + " is not a number from -90 to 90; the event has no coordinates", notes);
      } else if (!lon || *lon < -180 || *lon > 180) {
        warn_cell(lon_cell, "longitude " + in_quotes(lon_text) + " is not a number from -180 to 180; the event has no coordinates", notes);
      } else {
        w["lat"] = *lat;
        w["lon"] = *lon;
        const char* prec_col = acled ? "geo_precision" : "where_prec";
        const std::string code(text(r, prec_col));
        if (!m_.geo_rules.empty() || !code.empty()) {
          const auto rule = m_.geo_rules.find(code);
          if (rule == m_.geo_rules.end()) {
            notes.push_back(std::string(prec_col) + " " + in_quotes(code) + " has no rule in the mapping: no uncertainty is given");
          } else if (!rule->second.unmapped.empty()) {
            reasons.push_back(std::string(prec_col) + " " + code + ": " + rule->second.unmapped);
          } else {
            if (rule->second.approximate) w["approximate"] = true;
            if (rule->second.uncertainty_km) w["uncertainty_km"] = json_number(*rule->second.uncertainty_km);
          }
        }
      }
    }
    if (!w.empty()) e["where"] = std::move(w);
  }

  void quantities(const csv::Record& r, OJson& e, std::vector<std::string>& notes) {
    OJson list = OJson::array();
    for (const QuantityRule& q : m_.quantities) {
      if (!columns_.count(q.column)) continue;
      const Cell c = cell(r, q.column);
      const std::string_view t = trim(c.text);
      if (t.empty()) continue;
      const auto v = parse_number(t, false);
      if (!v) {
        warn_cell(c, q.column + " " + in_quotes(t) + " is not a number of 0 or more; no " + q.category + " quantity is given", notes);
        continue;
      }
      if (q.skip_zero && *v == 0) continue;
      OJson out{{"category", q.category}, {"value", json_number(*v)}};
      std::optional<double> lo, hi;
      auto bound = [&](const std::string& column, std::optional<double>& into) {
        if (column.empty() || !columns_.count(column)) return;
        const Cell b = cell(r, column);
        const std::string_view bt = trim(b.text);
        if (bt.empty()) return;
        into = parse_number(bt, false);
        if (!into) warn_cell(b, column + " " + in_quotes(bt) + " is not a number of 0 or more; it is left out", notes);
      };
      bound(q.min_column, lo);
      bound(q.max_column, hi);
      if ((lo && *lo > *v) || (hi && *hi < *v)) {
        warn_cell(c, q.column + " " + format_number(*v) + " is outside " + (lo ? q.min_column + " " + format_number(*lo) : "") +
                         (lo && hi ? " to " : "") + (hi ? q.max_column + " " + format_number(*hi) : "") +
                         "; only the value is given",
                  notes);
        lo.reset();
        hi.reset();
      }
      if (lo) out["min"] = json_number(*lo);
      if (hi) out["max"] = json_number(*hi);
      if (!q.unit.empty()) out["unit"] = q.unit;
      if (!q.basis.empty()) out["basis"] = q.basis;
      list.push_back(std::move(out));
    }
    if (!list.empty()) e["quantities"] = std::move(list);
  }

  void sources(const csv::Record& r, const std::string& raw_id, OJson& e) {
    const bool acled = m_.source == Source::kAcled;
    OJson list = OJson::array();
    OJson row{{"title", std::string(acled ? "ACLED event " : "UCDP GED event ") + raw_id},
              {"publisher", acled ? "ACLED" : "UCDP"}};
    list.push_back(std::move(row));
    for (const std::string& s : split_names(cell(r, acled ? "source" : "source_article").text)) {
      list.push_back(OJson{{"title", s}, {"note", acled ? "cited by ACLED" : "cited by UCDP"}});
    }
    e["sources"] = std::move(list);
  }

  void extra(const csv::Record& r, OJson& e) {
    OJson x = OJson::object();
    const std::vector<const char*> keep = m_.source == Source::kAcled
                                              ? std::vector<const char*>{"disorder_type", "event_type", "sub_event_type", "interaction"}
                                              : std::vector<const char*>{"type_of_violence", "conflict_name", "dyad_name", "date_prec", "where_prec"};
    for (const char* column : keep) {
      const std::string value(text(r, column));
      if (!value.empty()) x[column] = value;
    }
    if (!x.empty()) e["extra"] = OJson{{source_name(m_.source), std::move(x)}};
  }

  const Mapping& m_;
  const ImportOptions& o_;
  std::vector<Issue>& issues_;
  std::unordered_map<std::string, std::size_t> columns_;
  std::set<std::string> warned_;
  std::int64_t header_line_ = 1;
  std::unordered_set<std::string> ids_;
  std::unordered_map<std::string, std::int64_t> first_line_;
  std::size_t imported_ = 0;
  std::vector<std::int64_t> lines_;
};

}  // namespace

std::optional<LocalDate> parse_export_date(std::string_view text) {
  text = trim(text);
  // YYYY-MM-DD, possibly followed by a time of day.
  if (text.size() >= 10 && text[4] == '-' && text[7] == '-') {
    const std::string_view rest = text.substr(10);
    if (!rest.empty() && rest[0] != ' ' && rest[0] != 'T') return std::nullopt;
    return parse_date(text.substr(0, 10), nullptr);
  }
  // D Month YYYY, DD-Month-YYYY, D Mon YYYY.
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == ' ' || text[i] == '-') {
      if (i > start) parts.push_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  if (parts.size() != 3) return std::nullopt;
  const auto day = parse_whole(parts[0]);
  const int month = month_from_name(parts[1]);
  const auto year = parse_whole(parts[2]);
  if (!day || month == 0 || !year || parts[2].size() != 4 || parts[0].size() > 2) return std::nullopt;
  if (!is_valid_date(static_cast<int>(*year), month, static_cast<int>(*day)) || *year < 1) return std::nullopt;
  return LocalDate{static_cast<int>(*year), month, static_cast<int>(*day)};
}

ImportResult import_rows(std::string_view csv, const Mapping& mapping, const ImportOptions& options,
                         std::vector<Issue>& issues) {
  Importer importer(mapping, options, issues);
  return importer.run(csv);
}

}  // namespace pactcheck::import
