#include "tests/unit/bench/xml_check.hpp"

#include <cctype>

namespace proofgrid::test {
namespace {

bool name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == ':' || c == '.'; }

// Decodes the five predefined entities and numeric references; false on anything else.
bool decode(const std::string& in, std::string& out) {
  out.clear();
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '<') return false;
    if (in[i] != '&') {
      out += in[i];
      continue;
    }
    const std::size_t end = in.find(';', i);
    if (end == std::string::npos) return false;
    const std::string e = in.substr(i + 1, end - i - 1);
    if (e == "amp") out += '&';
    else if (e == "lt") out += '<';
    else if (e == "gt") out += '>';
    else if (e == "quot") out += '"';
    else if (e == "apos") out += '\'';
    else if (e.size() > 1 && e[0] == '#') out += '?';
    else return false;
    i = end;
  }
  return true;
}

}  // namespace

XmlCheck check_xml(const std::string& d) {
  XmlCheck r;
  std::vector<std::size_t> open;  // indices into r.elements
  std::size_t i = 0;
  auto fail = [&](const std::string& why) {
    r.ok = false;
    r.error = why + " at offset " + std::to_string(i);
    return r;
  };
  if (d.compare(0, 5, "<?xml") == 0) {
    i = d.find("?>");
    if (i == std::string::npos) return fail("unterminated XML declaration");
    i += 2;
  }
  bool root_closed = false;
  while (i < d.size()) {
    if (d[i] != '<') {
      const std::size_t next = d.find('<', i);
      const std::string raw = d.substr(i, next == std::string::npos ? std::string::npos : next - i);
      std::string text;
      if (!decode(raw, text)) return fail("bad character data or entity");
      if (open.empty()) {
        for (char c : raw)
          if (!std::isspace(static_cast<unsigned char>(c))) return fail("text outside the root element");
      } else {
        r.elements[open.back()].text += text;
      }
      if (next == std::string::npos) break;
      i = next;
      continue;
    }
    if (d.compare(i, 4, "<!--") == 0) {
      const std::size_t end = d.find("-->", i);
      if (end == std::string::npos) return fail("unterminated comment");
      i = end + 3;
      continue;
    }
    if (d.compare(i, 2, "</") == 0) {
      std::size_t j = i + 2;
      while (j < d.size() && name_char(d[j])) ++j;
      const std::string name = d.substr(i + 2, j - i - 2);
      while (j < d.size() && std::isspace(static_cast<unsigned char>(d[j]))) ++j;
      if (j >= d.size() || d[j] != '>') return fail("malformed end tag");
      if (open.empty() || r.elements[open.back()].name != name) return fail("end tag </" + name + "> does not match");
      open.pop_back();
      if (open.empty()) root_closed = true;
      i = j + 1;
      continue;
    }
    if (root_closed) return fail("a second root element");
    std::size_t j = i + 1;
    while (j < d.size() && name_char(d[j])) ++j;
    XmlElement e;
    e.name = d.substr(i + 1, j - i - 1);
    if (e.name.empty()) return fail("element without a name");
    bool self_closing = false;
    for (;;) {
      while (j < d.size() && std::isspace(static_cast<unsigned char>(d[j]))) ++j;
      if (j >= d.size()) return fail("unterminated start tag");
      if (d[j] == '>') break;
      if (d.compare(j, 2, "/>") == 0) {
        self_closing = true;
        ++j;
        break;
      }
      std::size_t k = j;
      while (k < d.size() && name_char(d[k])) ++k;
      const std::string attr = d.substr(j, k - j);
      if (attr.empty() || k + 1 >= d.size() || d[k] != '=' || (d[k + 1] != '"' && d[k + 1] != '\''))
        return fail("attribute without a quoted value in <" + e.name + ">");
      const char q = d[k + 1];
      const std::size_t end = d.find(q, k + 2);
      if (end == std::string::npos) return fail("unterminated attribute value");
      std::string value;
      if (!decode(d.substr(k + 2, end - k - 2), value)) return fail("bad attribute value");
      if (!e.attributes.emplace(attr, value).second) return fail("attribute " + attr + " twice");
      j = end + 1;
    }
    if (r.root.empty()) r.root = e.name;
    r.elements.push_back(e);
    if (!self_closing) open.push_back(r.elements.size() - 1);
    else if (open.empty()) root_closed = true;
    i = j + 1;
  }
  if (r.elements.empty()) return fail("no element");
  if (!open.empty()) return fail("<" + r.elements[open.back()].name + "> is never closed");
  r.ok = true;
  return r;
}

}  // namespace proofgrid::test
