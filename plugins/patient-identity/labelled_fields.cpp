#include "labelled_fields.hpp"

#include "labels.hpp"

#include <optional>

namespace chartflow::identity {
namespace {

// Line breaks: "\n", a lone "\r" (old Mac text) and the form feed a page break leaves.
bool is_line_break(char c) { return c == '\n' || c == '\r' || c == '\f'; }
bool is_hspace(char c) { return c == ' ' || c == '\t' || c == '\v'; }

std::size_t skip_hspace(std::string_view text, std::size_t at, std::size_t end) {
  while (at < end && is_hspace(text[at])) ++at;
  return at;
}

// Where the field content starting at text[at] stops: at the first tab or run of two or more
// spaces (the gap typed headers put between fields side by side), or at the end of the line.
std::size_t content_end(std::string_view text, std::size_t at, std::size_t end) {
  for (std::size_t p = at; p < end; ++p)
    if (text[p] == '\t' || text[p] == '\v' || (text[p] == ' ' && p + 1 < end && is_hspace(text[p + 1]))) return p;
  return end;
}

void scan_line(std::string_view text, std::size_t begin, std::size_t end, const std::function<void(const LabelledField&)>& visit) {
  std::optional<LabelledField> open;  // the field whose value is being read
  const auto close = [&] {
    if (open) visit(*open);
    open.reset();
  };
  for (std::size_t p = skip_hspace(text, begin, end); p < end;) {
    // p starts a field: the line's first word, or the first after a gap.
    if (const auto m = match_label(text, p, end)) {
      close();
      open = LabelledField{m->kind, m->type, p, m->label_end, m->value_begin, m->value_begin};
      p = m->value_begin;
      if (p < end && text[p] == ' ' && !(p + 1 < end && is_hspace(text[p + 1]))) ++p;  // "MRN: 123"
    } else if (starts_any_label(text, p, end)) {
      close();  // "Room: 12" ends the value before it and is no identity field
    }
    std::size_t stop = content_end(text, p, end), last = stop;
    while (last > p && is_hspace(text[last - 1])) --last;
    // A value is the field's content up to its gap: what follows a gap without a label is another
    // field that has none ("Name: ANN LEE      Age 26", "MRN: 123456   77 F"), never the value.
    if (open && last > p) {
      open->value_begin = p, open->value_end = last;
      close();
    }
    p = skip_hspace(text, stop, end);
  }
  close();
}

}  // namespace

void for_each_labelled_field(std::string_view text, const std::function<void(const LabelledField&)>& visit) {
  std::size_t begin = 0;
  for (std::size_t i = 0; i <= text.size(); ++i)
    if (i == text.size() || is_line_break(text[i])) {
      if (i > begin) scan_line(text, begin, i, visit);
      begin = i + 1;
    }
}

}  // namespace chartflow::identity
