// Helpers shared by the renderers (render_util.hpp).
#include "render_util.hpp"

#include <cstdio>
#include <set>

#include "text.hpp"

namespace pactcheck::render {

namespace {

const OJson& empty_array() {
  static const OJson value = OJson::array();
  return value;
}

}  // namespace

const OJson& nothing() {
  static const OJson value(nullptr);
  return value;
}

const OJson& member(const OJson& j, const char* key) {
  if (!j.is_object()) return nothing();
  const auto it = j.find(key);
  return it == j.end() ? nothing() : *it;
}

const OJson& items(const OJson& j, const char* key) {
  const OJson& m = member(j, key);
  return m.is_array() ? m : empty_array();
}

std::string str(const OJson& j, const char* key) {
  const OJson& m = member(j, key);
  return m.is_string() ? m.get<std::string>() : std::string();
}

bool flag(const OJson& j, const char* key, bool otherwise) {
  const OJson& m = member(j, key);
  return m.is_boolean() ? m.get<bool>() : otherwise;
}

std::string number_text(const OJson& j, const char* key) {
  const OJson& m = member(j, key);
  return m.is_number() ? m.dump() : std::string();
}

long long integer(const OJson& j, const char* key) {
  const OJson& m = member(j, key);
  if (m.is_number_integer()) return m.get<long long>();
  if (m.is_number_float()) return static_cast<long long>(m.get<double>());
  return 0;
}

std::string safe(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    unsigned cp = 0;
    std::size_t len = 1;
    if (c < 0x80) {
      cp = c;
    } else if ((c & 0xE0) == 0xC0 && i + 1 < s.size()) {
      cp = (c & 0x1Fu) << 6 | (static_cast<unsigned char>(s[i + 1]) & 0x3Fu);
      len = 2;
    } else if ((c & 0xF0) == 0xE0 && i + 2 < s.size()) {
      cp = (c & 0x0Fu) << 12 | (static_cast<unsigned char>(s[i + 1]) & 0x3Fu) << 6 | (static_cast<unsigned char>(s[i + 2]) & 0x3Fu);
      len = 3;
    } else {
      cp = 0x10000;  // four-byte sequences: never a control
      len = (c & 0xF8) == 0xF0 ? 4 : 1;
    }
    const bool control = cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) ||
                         (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F || cp == 0x061C;
    if (control) {
      char buf[16];
      std::snprintf(buf, sizeof buf, "\\u{%04X}", cp);
      out += buf;
    } else {
      out.append(s, i, len);
    }
    i += len - 1;
  }
  return out;
}

std::string markup(const std::string& raw) {
  const std::string s = safe(raw);
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default:
        // U+FFFE and U+FFFF (EF BF BE, EF BF BF) are not characters XML allows.
        if (static_cast<unsigned char>(c) == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBF &&
            (static_cast<unsigned char>(s[i + 2]) == 0xBE || static_cast<unsigned char>(s[i + 2]) == 0xBF)) {
          out += static_cast<unsigned char>(s[i + 2]) == 0xBE ? "\\u{FFFE}" : "\\u{FFFF}";
          i += 2;
        } else {
          out += c;
        }
    }
  }
  return out;
}

std::string csv_field(const std::string& s) {
  std::string value = s;
  if (!value.empty() && (value[0] == '=' || value[0] == '+' || value[0] == '-' || value[0] == '@' || value[0] == '\t' ||
                         value[0] == '\r')) {
    value.insert(value.begin(), '\'');
  }
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string words(std::string s) {
  for (char& c : s) {
    if (c == '_') c = ' ';
  }
  return s;
}

bool is_web_url(const std::string& url) {
  return (url.rfind("https://", 0) == 0 || url.rfind("http://", 0) == 0) &&
         url.find_first_of(" <>\"'`\n\r\t") == std::string::npos;
}

std::map<std::string, std::string> names_of(const OJson& r) {
  std::map<std::string, std::string> names;
  for (const auto& p : r["parties"]) names[str(p, "id")] = str(p, "name");
  for (const auto& p : r["monitors"]) names[str(p, "id")] = str(p, "name");
  return names;
}

std::map<std::string, const OJson*> event_index(const OJson& r) {
  std::map<std::string, const OJson*> index;
  for (const auto& e : r["events"]["evidence_events"]) index[str(e, "id")] = &e;
  return index;
}

std::string counts_line(const OJson& counts) {
  std::string out;
  for (auto it = counts.begin(); it != counts.end(); ++it) {
    if (it->get<int>() == 0) continue;
    if (!out.empty()) out += ", ";
    out += std::to_string(it->get<int>()) + " " + words(it.key());
  }
  return out.empty() ? "none" : out;
}

std::string events_line(const OJson& r) {
  const OJson& e = r["events"];
  std::string out = std::to_string(e["total"].get<long long>()) + " in the log: " + std::to_string(e["used"].get<long long>()) +
                    " used as evidence, " + std::to_string(e["not_relevant"].get<long long>()) + " not relevant, " +
                    std::to_string(e["ignored"].get<long long>()) + " ignored";
  if (e["ignored"].get<long long>() > 0) out += " (" + counts_line(e["ignored_by_reason"]) + ")";
  return out;
}

std::string title_of(const OJson& o) {
  const std::string t = str(o, "title");
  return t.empty() ? str(o, "id") : t;
}

std::string where_text(const OJson& e) {
  const auto it = e.find("where");
  if (it == e.end()) return "";
  std::string out = str(*it, "name");
  if (it->contains("lat")) {
    out += " (" + (*it)["lat"].dump() + ", " + (*it)["lon"].dump() + (it->value("approximate", false) ? ", approx." : "") + ")";
  }
  return out;
}

std::string quantities_text(const OJson& e, const std::map<std::string, std::string>& names) {
  const auto it = e.find("quantities");
  if (it == e.end()) return "";
  auto side = [&](const OJson& v) {
    if (v.is_string()) return names.count(v.get<std::string>()) ? names.at(v.get<std::string>()) : v.get<std::string>();
    std::vector<std::string> list;
    for (const auto& x : v) list.push_back(names.count(x.get<std::string>()) ? names.at(x.get<std::string>()) : x.get<std::string>());
    return join_names(list, " or ");
  };
  std::string out;
  for (const auto& q : *it) {
    if (!out.empty()) out += "; ";
    out += q.contains("min") ? q["min"].dump() + "-" + q["max"].dump() : q["value"].dump();
    out += " " + str(q, "category");
    if (q.contains("from") || q.contains("to")) {
      out += " (" + (q.contains("from") ? side(q["from"]) : std::string("?")) + " -> " + (q.contains("to") ? side(q["to"]) : std::string("?")) + ")";
    }
    if (str(q, "basis") != "increment") out += " [" + words(str(q, "basis")) + "]";
  }
  return out;
}

std::string deadline_text(const OJson& d) {
  if (d.is_null()) return "";
  std::string out = str(d, "deadline");
  if (d.contains("rule")) out += " (" + str(d, "rule") + ")";
  if (d.contains("due_before") && d["due_before"].is_string()) out += ", due before " + d["due_before"].get<std::string>();
  if (d.contains("due_by")) out += ", due by " + str(d, "due_by");
  if (d.contains("history") && d["history"].size() > 1) {
    out += "; history: ";
    bool first = true;
    for (const auto& h : d["history"]) {
      out += (first ? "" : " -> ") + str(h, "deadline") + " (" + str(h, "set_by") +
             (h.contains("announced") ? ", announced " + str(h, "announced") : "") + ")";
      first = false;
    }
  }
  if (d.contains("against_original")) out += "; against the original deadline: " + words(str(d, "against_original"));
  return out;
}

std::string notices_text(const OJson& n) {
  if (!n.is_array()) return "";
  std::string out;
  for (const auto& x : n) {
    if (!out.empty()) out += "; ";
    const std::string kind = str(x, "kind");
    if (kind == "branch") {
      out += std::string(x.value("taken", false) ? "branch taken: " : "branch not taken: ") + str(x, "condition");
      continue;
    }
    if (kind == "ended") {
      out += "ended (" + words(str(x, "how")) + ") at " + str(x, "at") + " by " + str(x, "event");
      continue;
    }
    out += words(kind) + " " + str(x, "event") + " at " + str(x, "at");
    if (x.contains("reason")) out += " (" + str(x, "reason") + ")";
    if (!str(x, "note").empty()) out += ": " + str(x, "note");
  }
  return out;
}

std::string evidence_rest_text(std::size_t events, std::size_t entries) {
  return "and " + std::to_string(events) + (events == 1 ? " more event" : " more events") + " (" + std::to_string(entries) +
         (entries == 1 ? " entry" : " entries") + "): the JSON report (--format json) lists every one";
}

std::string id_list(const OJson& ids) {
  std::string out;
  std::size_t n = 0;
  for (const auto& id : ids) {
    if (n == kMaxListedIds) break;
    out += (n++ ? ", " : "") + id.get<std::string>();
  }
  if (ids.size() > kMaxListedIds) out += " and " + std::to_string(ids.size() - kMaxListedIds) + " more (the JSON report lists them all)";
  return out;
}

std::string evidence_role(const OJson& e, const std::map<std::string, std::string>& names) {
  std::string out = words(str(e, "role"));
  if (e["bearer"].is_string()) out += " by " + (names.count(str(e, "bearer")) ? names.at(str(e, "bearer")) : str(e, "bearer"));
  if (!str(e, "standing").empty()) out += " (" + str(e, "standing") + ")";
  return out;
}

std::size_t listed_evidence_entries(const OJson& obligation) {
  const OJson& evidence = items(obligation, "evidence");
  std::size_t events = 0;
  const std::string* previous = nullptr;
  for (std::size_t i = 0; i < evidence.size(); ++i) {
    const std::string& id = evidence[i]["event"].get_ref<const std::string&>();
    if (!previous || id != *previous) {
      if (events == kMaxListedEvidenceEvents) return i;
      ++events;
      previous = &id;
    }
  }
  return evidence.size();
}

std::string evidence_rest(const OJson& obligation, std::size_t listed) {
  const OJson& evidence = items(obligation, "evidence");
  if (listed >= evidence.size()) return "";
  std::set<std::string> rest;
  for (std::size_t i = listed; i < evidence.size(); ++i) rest.insert(evidence[i]["event"].get<std::string>());
  return evidence_rest_text(rest.size(), evidence.size() - listed);
}

Sources::Sources(const OJson& r, bool listed_only) {
  std::set<std::string> listed;
  if (listed_only) {
    for (const auto& o : items(r, "obligations")) {
      const std::size_t n = listed_evidence_entries(o);
      for (std::size_t i = 0; i < n; ++i) listed.insert(o["evidence"][i]["event"].get<std::string>());
    }
  }
  for (const auto& e : items(member(r, "events"), "evidence_events")) {
    if (listed_only && listed.count(str(e, "id")) == 0) continue;
    for (const auto& s : items(e, "sources")) {
      const std::string key = s.dump();
      if (!number_.count(key)) {
        number_[key] = list_.size() + 1;
        list_.push_back(&s);
      }
    }
  }
}

std::vector<std::size_t> Sources::numbers(const OJson& event) const {
  std::vector<std::size_t> out;
  for (const auto& s : items(event, "sources")) {
    const auto it = number_.find(s.dump());
    if (it != number_.end()) out.push_back(it->second);
  }
  return out;
}

std::string Sources::refs(const OJson& event) const {
  std::string out;
  for (std::size_t n : numbers(event)) out += (out.empty() ? "[" : ", ") + std::to_string(n);
  return out.empty() ? out : out + "]";
}

}  // namespace pactcheck::render
