#pragma once
// A small XML well-formedness check for the SVG the bench writes: one root, properly nested
// and closed tags, quoted attributes, known entities only. Not a general XML parser (no DTDs,
// no CDATA); enough to catch a broken writer.
#include <map>
#include <string>
#include <vector>

namespace proofgrid::test {

struct XmlElement {
  std::string name;
  std::map<std::string, std::string> attributes;
  std::string text;  // direct character data, entities decoded
};

struct XmlCheck {
  bool ok = false;
  std::string error;                  // where and why, when !ok
  std::vector<XmlElement> elements;   // every element in document order
  std::string root;
};

XmlCheck check_xml(const std::string& doc);

}  // namespace proofgrid::test
