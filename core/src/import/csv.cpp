#include "import/csv.hpp"

namespace pactcheck::csv {
namespace {

constexpr std::size_t kProgressEvery = 4096;  // records

class Reader {
 public:
  Reader(std::string_view text, const Options& options, std::vector<Issue>& issues)
      : text_(text), options_(options), issues_(issues) {}

  bool run(const std::function<bool(Record&&)>& sink) {
    if (text_.size() > options_.limits.max_input_bytes) {
      file_issue("limit.input", "input of " + std::to_string(text_.size()) + " bytes exceeds the limit of " +
                                    std::to_string(options_.limits.max_input_bytes) + " bytes (max_input_bytes)");
      return false;
    }
    if (text_.size() >= 2 && ((byte(0) == 0xFF && byte(1) == 0xFE) || (byte(0) == 0xFE && byte(1) == 0xFF))) {
      located(Severity::kError, "csv.encoding", "the file starts with a UTF-16 byte-order mark: pactcheck reads UTF-8 only; save the file as UTF-8", 1, 1);
      return false;
    }
    if (text_.size() >= 3 && byte(0) == 0xEF && byte(1) == 0xBB && byte(2) == 0xBF) {
      pos_ = line_start_ = 3;  // a spreadsheet's "CSV UTF-8" mark: skipped; columns count from after it
    }
    const std::size_t bad = invalid_utf8_at(text_.substr(pos_));
    if (bad != std::string_view::npos) {
      std::int64_t line = 0, column = 0;
      locate(pos_ + bad, line, column);
      char hex[8];
      static const char* digits = "0123456789ABCDEF";
      const unsigned char b = byte(pos_ + bad);
      hex[0] = '0', hex[1] = 'x', hex[2] = digits[b >> 4], hex[3] = digits[b & 15], hex[4] = 0;
      located(Severity::kError, "csv.invalid_utf8",
              std::string("invalid UTF-8 (byte ") + hex + "): pactcheck reads UTF-8 only; save the file as UTF-8", line, column);
      return false;
    }
    std::size_t count = 0;
    std::size_t header_width = 0;
    while (true) {
      skip_blank_lines();
      if (pos_ >= text_.size()) break;
      Record record;
      record.index = count;
      record.line = line_;
      if (!read_record(record)) return false;
      if (count == 0) {
        header_width = record.fields.size();
      } else if (count > options_.limits.max_events) {
        located(Severity::kError, "limit.events",
                "more than " + std::to_string(options_.limits.max_events) + (options_.limits.max_events == 1 ? " row" : " rows") +
                    " after the header (max_events)",
                record.line, 1);
        return false;
      } else if (record.fields.size() != header_width) {
        const bool more = record.fields.size() > header_width;
        const Field& at = more ? record.fields[header_width] : record.fields.back();
        const std::string what = "row has " + std::to_string(record.fields.size()) + " field" +
                                 (record.fields.size() == 1 ? "" : "s") + ", the header " + std::to_string(header_width);
        located(Severity::kWarning, "csv.ragged_row", what, at.line, at.column);
        if (record.problem_code.empty()) {
          record.problem_code = "csv.ragged_row";
          record.problem = what;
        }
      }
      ++count;
      if (options_.progress && count % kProgressEvery == 0) options_.progress(pos_, text_.size());
      if (!sink(std::move(record))) return true;
    }
    if (count == 0) {
      located(Severity::kError, "csv.empty", "the file is empty: there is no header row", 1, 1);
      return false;
    }
    if (options_.progress) options_.progress(text_.size(), text_.size());
    return true;
  }

 private:
  unsigned char byte(std::size_t i) const { return static_cast<unsigned char>(text_[i]); }

  void file_issue(const char* code, std::string message) {
    Issue issue;
    issue.code = code;
    issue.message = std::move(message);
    issue.file = options_.file;
    issues_.push_back(std::move(issue));
  }

  void located(Severity severity, const char* code, std::string message, std::int64_t line, std::int64_t column) {
    Issue issue;
    issue.severity = severity;
    issue.code = code;
    issue.message = std::move(message);
    issue.file = options_.file;
    issue.line = line;
    issue.column = column;
    issues_.push_back(std::move(issue));
  }

  // Line and column of byte `offset`, counting line breaks as the reader does.
  void locate(std::size_t offset, std::int64_t& line, std::int64_t& column) const {
    line = 1;
    std::size_t start = text_.size() >= 3 && byte(0) == 0xEF && byte(1) == 0xBB && byte(2) == 0xBF ? 3 : 0;
    for (std::size_t i = start; i < offset; ++i) {
      if (text_[i] == '\n' || (text_[i] == '\r' && (i + 1 >= text_.size() || text_[i + 1] != '\n'))) {
        ++line;
        start = i + 1;
      }
    }
    column = static_cast<std::int64_t>(offset - start) + 1;
  }

  std::int64_t column() const { return static_cast<std::int64_t>(pos_ - line_start_) + 1; }

  bool at_break() const { return pos_ < text_.size() && (text_[pos_] == '\n' || text_[pos_] == '\r'); }

  // Consumes one line break (CRLF, LF or CR) at pos_, appending it to `into` when given.
  void take_break(std::string* into) {
    if (text_[pos_] == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') {
      if (into) into->append("\r\n");
      pos_ += 2;
    } else {
      if (into) into->push_back(text_[pos_]);
      ++pos_;
    }
    ++line_;
    line_start_ = pos_;
  }

  void skip_blank_lines() {
    while (at_break()) take_break(nullptr);
  }

  bool too_long(const Field& field) {
    if (field.text.size() <= options_.limits.max_string_bytes) return false;
    located(Severity::kError, "limit.string",
            "field exceeds the limit of " + std::to_string(options_.limits.max_string_bytes) + " bytes (max_string_bytes)",
            field.line, field.column);
    return true;
  }

  void stray_quote(Record& record, std::int64_t line, std::int64_t col, const char* what) {
    if (!record.problem_code.empty()) return;
    record.problem_code = "csv.stray_quote";
    record.problem = what;
    located(Severity::kWarning, "csv.stray_quote", what, line, col);
  }

  // Reads one record from pos_ (not at a line break or the end); consumes its line break.
  bool read_record(Record& record) {
    while (true) {
      Field field;
      field.line = line_;
      field.column = column();
      if (pos_ < text_.size() && text_[pos_] == '"') {
        ++pos_;
        bool closed = false;
        while (pos_ < text_.size()) {
          const char c = text_[pos_];
          if (c == '"') {
            if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
              field.text.push_back('"');
              pos_ += 2;
              continue;
            }
            ++pos_;
            closed = true;
            break;
          }
          if (c == '\n' || c == '\r') {
            take_break(&field.text);
          } else {
            // Copy the run up to the next quote or line break at once.
            std::size_t end = pos_;
            while (end < text_.size() && text_[end] != '"' && text_[end] != '\n' && text_[end] != '\r') ++end;
            field.text.append(text_.data() + pos_, end - pos_);
            pos_ = end;
          }
          if (too_long(field)) return false;
        }
        if (!closed) {
          located(Severity::kError, "csv.unterminated_quote",
                  "the quoted field that starts here has no closing quote: the rest of the file would be one field",
                  field.line, field.column);
          return false;
        }
        if (pos_ < text_.size() && text_[pos_] != ',' && !at_break()) {
          stray_quote(record, line_, column(), "text after the closing quote of a field (kept as written)");
          while (pos_ < text_.size() && text_[pos_] != ',' && !at_break()) field.text.push_back(text_[pos_++]);
        }
      } else {
        const std::size_t start = pos_;
        while (pos_ < text_.size() && text_[pos_] != ',' && !at_break()) {
          if (text_[pos_] == '"') {
            stray_quote(record, line_, column(), "a quote inside a field that does not start with one (kept as written)");
          }
          ++pos_;
        }
        field.text.assign(text_.data() + start, pos_ - start);
      }
      if (too_long(field)) return false;
      record.fields.push_back(std::move(field));
      if (pos_ < text_.size() && text_[pos_] == ',') {
        ++pos_;
        continue;  // another field follows (empty if the line ends here)
      }
      if (at_break()) take_break(nullptr);
      return true;
    }
  }

  std::string_view text_;
  const Options& options_;
  std::vector<Issue>& issues_;
  std::size_t pos_ = 0;
  std::size_t line_start_ = 0;
  std::int64_t line_ = 1;
};

}  // namespace

std::size_t invalid_utf8_at(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    const unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;  // overlong
      if (c == 0xED) hi = 0x9F;  // surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;  // overlong
      if (c == 0xF4) hi = 0x8F;  // above U+10FFFF
    } else {
      return i;
    }
    if (i + 1 >= n || s[i + 1] < lo || s[i + 1] > hi) return i;
    for (std::size_t k = 2; k < len; ++k) {
      if (i + k >= n || s[i + k] < 0x80 || s[i + k] > 0xBF) return i;
    }
    i += len;
  }
  return std::string_view::npos;
}

bool read(std::string_view text, const Options& options, const std::function<bool(Record&&)>& sink,
          std::vector<Issue>& issues) {
  Reader reader(text, options, issues);
  return reader.run(sink);
}

}  // namespace pactcheck::csv
