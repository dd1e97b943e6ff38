// keep_distance (constructs 8 and 25): forces or weapons of a class kept at least N km from a line (or from
// areas), N and the line differing per party and per class (Minsk II: 25 / 35 / 70 km each side, from two
// different lines; Idlib: 6 km each side of the M4; Korea: 2 km from the demarcation line); or, with side
// "within", kept within N km of a line (a buffer); and, with `own_side`, on the party's own side of the line
// whatever the distance. With a `deadline`, a sighting too near before it is a withdrawal in progress, not a
// violation. The geometry is computed once per event (classify, two bits per zone); the measured distance only
// for the events that become evidence. A position within its location uncertainty of a threshold is an open
// point.
#include <algorithm>
#include <cmath>

#include "kinds/forbidden_acts.hpp"
#include "kinds/kind.hpp"
#include "params.hpp"
#include "rules/rules.hpp"

namespace pactcheck {
namespace {

constexpr std::size_t kMaxZones = 32;  // two classification bits per zone in Placement::bits
constexpr double kFar = 1e300;         // farther than any distance on Earth

struct DistanceZone {
  Who party = kNobody;
  double km = 0;
  std::vector<std::size_t> lines, areas;  // exactly one of the two is non-empty
  std::vector<std::string> classes;       // quantity categories; empty: every event of the types
  bool within = false;                    // side "within": stay within km (a buffer); else keep at least km away
  std::optional<std::size_t> own_side;    // an area: the party's own side; outside it is across the line
};

// One event's position against one zone.
struct Measure {
  double distance = 0;       // km from the nearest of the zone's lines or areas (0 inside an area)
  std::string from;          // the name of that line or area
  bool inside = false;       // inside one of the zone's areas
  bool crossed = false;      // outside the party's own side
  // A breach of the distance, and a crossing of the own side: certain (wherever within its location uncertainty
  // the event was) or possible (for some position within it). Without an uncertainty, both are the same.
  bool distance_certain = false, distance_possible = false;
  bool cross_certain = false, cross_possible = false;
  double edge = 0;           // own_side: km from the own side's boundary
  bool certain() const { return distance_certain || cross_certain; }
  bool possible() const { return distance_possible || cross_possible; }
};

// A distance for a sentence: one decimal from 10 km, two below, and more when rounding would make it read as the
// limit it is compared with (0.75 km is not "0.7 km, beyond 0.7 km").
std::string km_text(double km, double limit = -1) {
  for (int decimals = km < 10 ? 2 : 1;; ++decimals) {
    const double scale = std::pow(10.0, decimals);
    const double r = std::round(km * scale) / scale;
    if (decimals >= 3 || r != limit || km == limit) return format_number(r);
  }
}

const std::string& name_of_line(const Agreement& a, std::size_t i) { return a.lines[i].name.empty() ? a.lines[i].id : a.lines[i].name; }
const std::string& name_of_area(const Agreement& a, std::size_t i) { return a.areas[i].name.empty() ? a.areas[i].id : a.areas[i].name; }

Measure measure(const DistanceZone& z, const Event& e, const Agreement& a) {
  Measure m;
  const double u = e.where_uncertainty_km;
  double best = kFar;
  for (std::size_t i : z.lines) {
    const LineShape* shape = a.lines[i].shape.get();
    if (!shape) continue;
    const double d = shape->distance_km(e.where);
    if (d < best) {
      best = d;
      m.from = name_of_line(a, i);
    }
  }
  double inside_depth = 0;  // inside an area: how far from its boundary
  for (std::size_t i : z.areas) {
    const AreaShape* shape = a.areas[i].shape.get();
    if (!shape) continue;
    const bool in = shape->contains(e.where);
    const double d = in ? 0 : shape->distance_km(e.where);
    if (in && !m.inside) {
      m.inside = true;
      inside_depth = shape->boundary_distance_km(e.where);
      best = 0;
      m.from = name_of_area(a, i);
    } else if (!m.inside && d < best) {
      best = d;
      m.from = name_of_area(a, i);
    }
  }
  if (m.from.empty()) return m;  // no usable geometry: nothing to measure
  m.distance = best;
  if (z.within) {
    m.distance_certain = best - u > z.km;
    m.distance_possible = best + u > z.km;
  } else if (!z.areas.empty()) {
    m.distance_certain = (m.inside && (inside_depth > u || u < z.km)) || (!m.inside && best + u < z.km);
    m.distance_possible = m.inside || best - u < z.km;
  } else {
    m.distance_certain = best + u < z.km;
    m.distance_possible = best - u < z.km;
  }
  if (z.own_side && a.areas[*z.own_side].shape) {
    const AreaShape& own = *a.areas[*z.own_side].shape;
    m.crossed = !own.contains(e.where);
    m.edge = own.boundary_distance_km(e.where);
    m.cross_certain = m.crossed && m.edge > u;
    m.cross_possible = m.crossed || (u > 0 && m.edge < u);
  }
  return m;
}

class KeepDistance : public Clause {
 public:
  std::vector<DistanceZone> zones;
  DeadlineSpec deadline;

  std::uint64_t classify(const Event& e, const Agreement& a) const override {
    std::uint64_t bits = 0;
    if (!e.has_where) return bits;
    for (std::size_t i = 0; i < zones.size() && i < kMaxZones; ++i) {
      const Measure m = measure(zones[i], e, a);
      if (m.certain()) bits |= std::uint64_t{1} << (2 * i);
      if (m.possible() && !m.certain()) bits |= std::uint64_t{1} << (2 * i + 1);
    }
    return bits;
  }

  void marks(const Agreement& /*a*/, std::vector<std::pair<std::int64_t, std::string>>& out) const override {
    if (deadline.kind == DeadlineSpec::Kind::kDate) {
      out.emplace_back(start_of_day_utc(add_to_date(deadline.date, Duration{0, 0, 1, 0}), deadline.zone), "distance due");
    } else if (deadline.kind == DeadlineSpec::Kind::kInstant) {
      out.emplace_back(deadline.instant.utc_ms, "distance due");
    }
  }

  // The weapon classes of zone `z` the event names, as "artillery_100mm_plus (4)"; empty when the zone has no
  // classes; nullopt when it has classes and the event names none of them.
  static std::optional<std::string> classes_named(const DistanceZone& z, const Event& e) {
    if (z.classes.empty()) return std::string();
    std::vector<std::string> named;
    for (const Quantity& qty : e.quantities) {
      if (qty.value.hi <= 0) continue;
      if (std::find(z.classes.begin(), z.classes.end(), qty.category) == z.classes.end()) continue;
      named.push_back(qty.category + " (" + format_number(qty.value.best) + ")");
    }
    if (named.empty()) return std::nullopt;
    return join_names(named);
  }

  std::string breach_text(const DistanceZone& z, const Measure& m, const Agreement& a) const {
    std::vector<std::string> parts;
    const bool too_near = z.within ? m.distance > z.km : (m.inside || m.distance < z.km);
    if (m.crossed) {
      parts.push_back("across the line: outside " + name_of_area(a, *z.own_side) + ", its own side" +
                      (too_near || m.from.empty() ? "" : ", " + km_text(m.distance) + " km from " + m.from));
    }
    if (too_near || !m.crossed) {
      if (z.within) {
        parts.push_back(km_text(m.distance, z.km) + " km from " + m.from + ", beyond the " + format_number(z.km) + " km it must stay within");
      } else if (m.inside) {
        parts.push_back("inside " + m.from + (z.km > 0 ? ", within " + format_number(z.km) + " km" : ""));
      } else {
        parts.push_back(km_text(m.distance, z.km) + " km from " + m.from + ", within " + format_number(z.km) + " km");
      }
    }
    return join_all(parts, "; ");
  }

  std::string clear_text(const DistanceZone& z, const Measure& m) const {
    if (z.within) return km_text(m.distance, z.km) + " km from " + m.from + ", within the " + format_number(z.km) + " km";
    return km_text(m.distance, z.km) + " km from " + m.from + ", beyond " + format_number(z.km) + " km";
  }

  struct Finding {
    bool breach = false;
    std::vector<std::string> breaches, clear;  // sentences per zone
  };

  // Whether fact `f`, placed as `party`'s, breaches one of its zones; asks q about positions within uncertainty.
  Finding judge_position(Query& q, const Fact& f, Who party) const {
    Finding out;
    const Agreement& a = q.agreement();
    const Event& e = *f.e;
    for (std::size_t i = 0; i < zones.size() && i < kMaxZones; ++i) {
      const DistanceZone& z = zones[i];
      if (z.party != party) continue;
      const auto named = classes_named(z, e);
      if (!named) continue;
      const std::string what = named->empty() ? "" : *named + " ";
      if (!e.has_where) {
        const bool counts = q.assume(f, true, "the report gives no coordinates to measure its distance from the line");
        out.breach = out.breach || counts;
        (counts ? out.breaches : out.clear).push_back(what + "place not given");
        continue;
      }
      const bool certain = (f.place.bits >> (2 * i) & 1U) != 0;
      const bool open = (f.place.bits >> (2 * i + 1) & 1U) != 0;
      if (!certain && !open) {
        out.clear.push_back(what + clear_text(z, measure(z, e, a)));
        continue;
      }
      const Measure m = measure(z, e, a);
      if (!open) {
        out.breach = true;
        out.breaches.push_back(what + breach_text(z, m, a));
        continue;
      }
      // Within its location uncertainty of a threshold: an open point, the same words either way.
      const std::string u = km_text(e.where_uncertainty_km);
      std::vector<std::string> why;
      if (m.distance_possible && !m.distance_certain) {
        why.push_back(km_text(m.distance, z.km) + " km from " + m.from + ", within its location uncertainty (" + u + " km) of the " +
                      format_number(z.km) + " km " + (z.within ? "it must stay within" : "limit"));
      }
      if (m.cross_possible && !m.cross_certain) {
        why.push_back(km_text(m.edge) + " km from the edge of " + name_of_area(a, *z.own_side) +
                      ", its own side, within its location uncertainty (" + u + " km): it may be across the line");
      }
      const std::string neutral = join_all(why, "; ");
      const bool counts = q.assume(f, true, "it lies " + neutral);
      out.breach = out.breach || counts;
      (counts ? out.breaches : out.clear).push_back(what + neutral);
    }
    return out;
  }

  void evaluate(Query& q) const override {
    const Agreement& a = q.agreement();
    const Obligation& o = q.obligation();
    DeadlineState ds = deadline_state(q, deadline, false);
    const bool has_deadline = deadline.kind != DeadlineSpec::Kind::kNone;
    const std::optional<Limit>& limit = ds.effective;
    if (limit) {
      q.out().deadline = limit->earliest >= kNever ? OJson{{"deadline", "suspended"}, {"due_before", nullptr}} : limit_json(*limit);
    } else if (ds.waiting) {
      q.out().deadline = OJson{{"deadline", deadline.text}, {"due_before", nullptr}};
    }
    // Before the deadline (or while its anchor has not happened) a sighting too near is a withdrawal in progress.
    auto due_at = [&](const Fact& f) {
      if (!has_deadline) return true;
      if (!limit) return false;
      if (f.e->when.latest < limit->earliest) return false;
      if (f.e->when.earliest >= limit->latest) return true;
      return q.assume(f, true, "its time range straddles the deadline for the distance (" + when_due(*limit) + ")");
    };
    ForbiddenActs acts(q);
    std::vector<std::string> in_progress, consistent;
    std::vector<std::vector<std::string>> possible(o.bearers.size());  // unattributed, too near for some bearers only
    for (const Fact& f : q.facts()) {
      if (!f.by_type) continue;
      std::vector<Who> candidates;
      if (f.unattributed) {
        candidates = o.bearers;
      } else {
        for (const Charge& c : f.charges) candidates.push_back(c.bearer);
      }
      std::vector<Who> breached;
      std::vector<std::pair<Who, std::string>> notes, clear;
      bool any_zone = false;
      for (Who b : candidates) {
        const Finding found = judge_position(q, f, b);
        if (found.breaches.empty() && found.clear.empty()) continue;
        any_zone = true;
        if (found.breach) {
          breached.push_back(b);
          notes.emplace_back(b, join_all(found.breaches, "; "));
        } else {
          clear.emplace_back(b, join_all(found.clear, "; "));
        }
      }
      if (!any_zone) {
        q.not_relevant(f, f.charges.empty() && !f.unattributed ? "not charged to a bearer of this obligation"
                                                                : "names no weapon class a zone of its party covers");
        continue;
      }
      if (!breached.empty() && !due_at(f)) {
        for (const auto& [b, note] : notes) {
          q.use(f, "withdrawal_in_progress", f.unattributed ? kNobody : b,
                note + "; seen before the distance was due " + (limit ? when_due(*limit) : deadline.text) +
                    ": withdrawal in progress, not counted");
        }
        in_progress.push_back(f.e->id);
        continue;
      }
      auto note_for = [&](Who b) {
        for (const auto& [who, text] : notes) {
          if (who == b) return text;
        }
        return std::string("too near the line");
      };
      if (f.unattributed && breached.size() < o.bearers.size()) {
        // Whose weapons these are is not reported, and they breach only some bearers' zones: for each of those,
        // an open point (ForbiddenActs would charge every bearer alike).
        for (Who b : breached) {
          if (!q.assume(f, true, "the report does not say whose these are; if " + q.name(b) + "'s: " + note_for(b))) continue;
          q.use(f, "possible_violation", b, note_for(b) + ", if they are " + q.name(b) + "'s (the report names no one)");
          const auto at = static_cast<std::size_t>(std::find(o.bearers.begin(), o.bearers.end(), b) - o.bearers.begin());
          if (at < possible.size()) possible[at].push_back(f.e->id);
        }
        if (breached.empty()) q.not_relevant(f, "the report names no one, and it is clear of every bearer's zones");
        continue;
      }
      if (!breached.empty()) {
        Fact only = f;  // charged only to the bearers whose zones it breaches
        only.charges.erase(std::remove_if(only.charges.begin(), only.charges.end(),
                                          [&](const Charge& c) {
                                            return std::find(breached.begin(), breached.end(), c.bearer) == breached.end();
                                          }),
                           only.charges.end());
        acts.weigh(only, note_for);
      }
      for (const auto& [b, note] : clear) {
        if (f.unattributed) {
          q.not_relevant(f, "the report names no one; " + note);
        } else {
          acts.allowed(f, b, note);
          if (std::find(consistent.begin(), consistent.end(), f.e->id) == consistent.end()) consistent.push_back(f.e->id);
        }
      }
    }
    std::string extra;
    if (!in_progress.empty()) {
      extra = plural(in_progress.size(), "sighting", "sightings") + " too near before the deadline (" + join_names(in_progress) +
              (in_progress.size() == 1 ? ") is" : ") are") + " withdrawal in progress, not counted.";
    }
    if (!consistent.empty()) {
      extra += std::string(extra.empty() ? "" : " ") + plural(consistent.size(), "sighting", "sightings") + " (" + join_names(consistent) +
               (consistent.size() == 1 ? ") keeps" : ") keep") + " the distance its zone asks, which the clause allows.";
    }
    acts.finish(extra);
    std::string text = q.out().explanation;
    for (std::size_t i = 0; i < o.bearers.size(); ++i) {
      if (possible[i].empty()) continue;
      BearerOutcome& out = q.out().bearer(o.bearers[i]);
      if (out.status != Status::kViolated) out.status = Status::kViolated;  // this pass counts the open point
      text += " If unattributed " + std::string(possible[i].size() == 1 ? "sighting " : "sightings ") + join_names(possible[i]) +
              (possible[i].size() == 1 ? " was " : " were ") + a.name_of(o.bearers[i]) + "'s, " +
              (possible[i].size() == 1 ? "it breaches" : "they breach") + " its zone (an open point).";
    }
    // Not yet due: whatever has not been violated is pending.
    const bool before_due = has_deadline && (!limit || q.as_of() + 1 < limit->latest);
    if (before_due) {
      std::vector<std::string> names;
      for (Who b : o.bearers) {
        BearerOutcome& out = q.out().bearer(b);
        if (out.status == Status::kComplied) {
          out.status = Status::kPending;
          names.push_back(a.name_of(b));
        }
      }
      if (!names.empty()) {
        text += " The distance is due " + (limit ? when_due(*limit) : deadline.text + " (" + deadline.anchor.text + " has not happened yet)") +
                ": pending for " + join_names(names) + ".";
      }
    } else if (has_deadline && limit) {
      text += " The distance was due " + when_due(*limit) + ".";
    }
    q.out().explanation = text;
  }
};

std::unique_ptr<Clause> read(ParamReader& r) {
  r.allow({"from", "until", "event_types", "zones", "deadline", "note"});
  auto c = std::make_unique<KeepDistance>();
  r.window(c->window, true);
  c->event_types = r.types("event_types", true);
  c->deadline = r.deadline("deadline");
  if (c->deadline.kind == DeadlineSpec::Kind::kAfter) c->extra_conditions.emplace_back(&c->deadline.anchor, "/deadline/after");
  if (c->deadline.kind == DeadlineSpec::Kind::kEach) {
    r.report(r.at("deadline"), "deadline.form", "keep_distance takes one deadline, not one before or after each event");
  }
  Fields& f = r.fields();
  const Agreement& a = r.agreement();
  const Obligation& o = r.obligation();
  const Json* list = r.member("zones");
  if (!list) {
    r.report(r.pointer(), "field.missing", "missing required field \"zones\"");
    return c;
  }
  if (list->is_array() && list->empty()) r.report(r.at("zones"), "field.empty", "zones must list at least one zone");
  if (list->is_array() && list->size() > kMaxZones) {
    r.report(r.at("zones"), "field.range", "at most " + std::to_string(kMaxZones) + " zones per obligation");
    return c;
  }
  f.each_object(r.params(), r.pointer(), "zones", true, "a zone", [&](const Json& z, const std::string& at) {
    f.reject_unknown(z, at, {"party", "km", "from_lines", "from_areas", "weapon_classes", "side", "own_side", "note"});
    DistanceZone dz;
    const auto party = r.party_at(z, at, "party", true);
    if (party) {
      dz.party = *party;
      if (std::find(o.bearers.begin(), o.bearers.end(), *party) == o.bearers.end()) {
        r.report(at + "/party", "ref.bearer", "party \"" + a.id_of(*party) + "\" is not a bearer of this obligation");
      }
    }
    if (auto km = f.number(z, at, "km", true)) {
      if (!(*km >= 0 && *km <= 20000)) {
        r.report(at + "/km", "field.range", "km must be from 0 to 20000");
      } else {
        dz.km = *km;
      }
    }
    const bool has_lines = f.member(z, "from_lines") != nullptr, has_areas = f.member(z, "from_areas") != nullptr;
    if (has_lines == has_areas) {
      r.report(at, "zone.form", "a zone is measured from exactly one of from_lines and from_areas");
    } else if (has_lines) {
      dz.lines = r.lines_at(z, at, "from_lines", true);
      if (f.member(z, "from_lines")->is_array() && f.member(z, "from_lines")->empty()) {
        r.report(at + "/from_lines", "field.empty", "from_lines must name at least one line");
      }
    } else {
      dz.areas = r.areas_at(z, at, "from_areas", true);
      if (f.member(z, "from_areas")->is_array() && f.member(z, "from_areas")->empty()) {
        r.report(at + "/from_areas", "field.empty", "from_areas must name at least one area");
      }
    }
    const auto classes = f.string_list(z, at, "weapon_classes", false);
    for (std::size_t i = 0; i < classes.size(); ++i) {
      if (!Fields::is_id(classes[i])) {
        r.report(pointer_join(at + "/weapon_classes", i), "field.id", "\"" + classes[i] + "\" is not a valid quantity category id");
      } else {
        dz.classes.push_back(classes[i]);
      }
    }
    if (f.member(z, "weapon_classes") && f.member(z, "weapon_classes")->is_array() && f.member(z, "weapon_classes")->empty()) {
      r.report(at + "/weapon_classes", "field.empty", "weapon_classes must name at least one class, or be left out");
    }
    const std::string side = f.text(z, at, "side", false);
    if (side == "within") {
      dz.within = true;
    } else if (!side.empty() && side != "keep_away") {
      r.report(at + "/side", "field.enum", "side must be keep_away or within");
    }
    const std::string own = f.id(z, at, "own_side", false);
    if (!own.empty()) {
      const auto it = std::find_if(a.areas.begin(), a.areas.end(), [&](const NamedArea& x) { return x.id == own; });
      if (it == a.areas.end()) {
        r.report(at + "/own_side", "ref.area", "undefined area \"" + own + "\"");
      } else {
        dz.own_side = static_cast<std::size_t>(it - a.areas.begin());
      }
    }
    if (!dz.within && has_lines && !has_areas && f.member(z, "km") && dz.km == 0 && own.empty()) {
      r.report(at + "/km", "field.range", "0 km from a line forbids nothing: give a distance above 0, or an own_side");
    }
    c->zones.push_back(std::move(dz));
  });
  for (Who b : o.bearers) {
    if (std::none_of(c->zones.begin(), c->zones.end(), [&](const DistanceZone& z) { return z.party == b; }) && list->is_array() &&
        !list->empty()) {
      r.fields().report_as(Severity::kWarning, r.at("zones"), "zone.none",
                           "no zone is given for bearer \"" + a.id_of(b) + "\": it has no distance to keep under this obligation");
    }
  }
  return c;
}

}  // namespace

extern const KindDef kKeepDistance{"keep_distance", "forces or weapons of a class kept at least (or within) a distance from a line, per party",
                                   read};

}  // namespace pactcheck
