#include "naaccr_reader.hpp"

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <cstring>
#include <memory>

namespace chartflow::registry {
namespace {

constexpr const char* kNamespace = "http://naaccr.org/naaccrxml";
constexpr std::size_t kMaxBytes = 2u << 30;

struct DocFree {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};

std::string text_of(xmlNode* node) {
  xmlChar* content = xmlNodeGetContent(node);
  std::string out = content ? reinterpret_cast<const char*>(content) : "";
  xmlFree(content);
  return out;
}

std::string attribute(xmlNode* node, const char* name) {
  xmlChar* value = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
  std::string out = value ? reinterpret_cast<const char*>(value) : "";
  xmlFree(value);
  return out;
}

bool is(xmlNode* node, const char* name) {
  return node->type == XML_ELEMENT_NODE && std::strcmp(reinterpret_cast<const char*>(node->name), name) == 0 && node->ns &&
         std::strcmp(reinterpret_cast<const char*>(node->ns->href), kNamespace) == 0;
}

class Reader {
 public:
  Reader(const std::string& name, const naaccr::NaaccrDictionary& dictionary) : name_(name), dictionary_(dictionary) {}

  [[noreturn]] void fail(xmlNode* node, const std::string& what) const {
    throw CohortError(name_ + ":" + std::to_string(node ? xmlGetLineNo(node) : 0) + ": " + what);
  }

  // The <Item> children of `parent` (an element named `level`), checked against the dictionary.
  void item(xmlNode* node, const char* level, NaaccrItems& items) const {
    const std::string id = attribute(node, "naaccrId");
    if (id.empty()) fail(node, "an <Item> without its naaccrId attribute");
    const auto* definition = dictionary_.find(id);
    if (!definition) fail(node, "item '" + id + "' is not in the NAACCR v26 base dictionary");
    if (definition->parent != level)
      fail(node, "item '" + id + "' belongs under <" + definition->parent + ">, not <" + level + ">");
    std::string value = text_of(node);
    if (const std::string problem = dictionary_.check(*definition, value); !problem.empty())
      fail(node, "item '" + id + "' (" + std::to_string(definition->number) + "): " + problem);
    if (!items.emplace(id, value).second) fail(node, "item '" + id + "' appears twice in one <" + std::string(level) + ">");
  }

  NaaccrTumorIn tumor(xmlNode* node) const {
    NaaccrTumorIn t{static_cast<int>(xmlGetLineNo(node)), {}};
    for (xmlNode* c = node->children; c; c = c->next) {
      if (c->type != XML_ELEMENT_NODE) continue;
      if (!is(c, "Item")) fail(c, "<Tumor> holds only <Item> elements, not <" + std::string(reinterpret_cast<const char*>(c->name)) + ">");
      item(c, "Tumor", t.items);
    }
    return t;
  }

  NaaccrPatientIn patient(xmlNode* node) const {
    NaaccrPatientIn p{static_cast<int>(xmlGetLineNo(node)), {}, {}};
    for (xmlNode* c = node->children; c; c = c->next) {
      if (c->type != XML_ELEMENT_NODE) continue;
      if (is(c, "Item")) item(c, "Patient", p.items);
      else if (is(c, "Tumor")) p.tumors.push_back(tumor(c));
      else fail(c, "<Patient> holds <Item> and <Tumor> elements, not <" + std::string(reinterpret_cast<const char*>(c->name)) + ">");
    }
    return p;
  }

  NaaccrFileIn file(xmlNode* root) const {
    if (!is(root, "NaaccrData")) fail(root, "the root element must be <NaaccrData xmlns=\"http://naaccr.org/naaccrxml\">");
    NaaccrFileIn f;
    f.record_type = attribute(root, "recordType");
    if (f.record_type != "A" && f.record_type != "M" && f.record_type != "C" && f.record_type != "I")
      fail(root, "recordType must be A, M, C or I");
    const std::string dictionary = attribute(root, "baseDictionaryUri");
    if (dictionary.find("naaccr-dictionary-") == std::string::npos) fail(root, "baseDictionaryUri must name a NAACCR base dictionary");
    for (xmlNode* c = root->children; c; c = c->next) {
      if (c->type != XML_ELEMENT_NODE) continue;
      if (is(c, "Item")) item(c, "NaaccrData", f.items);
      else if (is(c, "Patient")) f.patients.push_back(patient(c));
      else fail(c, "<NaaccrData> holds <Item> and <Patient> elements, not <" + std::string(reinterpret_cast<const char*>(c->name)) + ">");
    }
    return f;
  }

 private:
  const std::string& name_;
  const naaccr::NaaccrDictionary& dictionary_;
};

}  // namespace

NaaccrFileIn read_naaccr_xml(const std::string& bytes, const std::string& name, const naaccr::NaaccrDictionary& dictionary) {
  if (bytes.empty()) throw CohortError(name + ": empty file (expected NAACCR XML)");
  if (bytes.size() > kMaxBytes) throw CohortError(name + ": larger than 2 GB; split the export");
  // Entities are a way to make a small file huge or to read other files: a data file needs none.
  if (bytes.find("<!DOCTYPE") != std::string::npos || bytes.find("<!ENTITY") != std::string::npos)
    throw CohortError(name + ": has a DOCTYPE or ENTITY declaration, which NAACCR XML never needs; refused");
  std::unique_ptr<xmlDoc, DocFree> doc(xmlReadMemory(bytes.data(), static_cast<int>(bytes.size()), name.c_str(), nullptr,
                                                      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING));
  if (!doc) {
    const xmlError* error = xmlGetLastError();
    throw CohortError(name + ":" + std::to_string(error ? error->line : 0) + ": not well-formed XML" +
                      (error && error->message ? std::string(" (") + error->message : std::string("(")) + ")");
  }
  xmlNode* root = xmlDocGetRootElement(doc.get());
  if (!root) throw CohortError(name + ": no root element");
  return Reader(name, dictionary).file(root);
}

}  // namespace chartflow::registry
