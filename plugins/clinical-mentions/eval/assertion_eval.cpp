// Assertion evaluation: precision, recall and F1 per assertion value on a gold file.
//
//   chartflow_assertion_eval GOLD.tsv [DATA_DIR]
//
// GOLD.tsv: sentence<TAB>mention<TAB>status per line ('#' comments), status one of affirmed,
// negated, uncertain, hypothetical, historical, family. DATA_DIR holds the clinical-mentions data
// files (default: the installed plugin folder given at build time). A gold mention the dictionary
// does not find counts as a miss for its status in the end-to-end table (and is listed); the
// assertion table scores only the mentions found, i.e. the assertion algorithm by itself.
#include "../context.hpp"
#include "../term_dictionary.hpp"
#include "../tsv.hpp"

#include <cctype>
#include <cstdio>
#include <iomanip>
#include <iostream>
#include <map>

using namespace chartflow::mentions;

static std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: chartflow_assertion_eval GOLD.tsv [DATA_DIR]\n";
    return 2;
  }
  const std::string data = argc > 2 ? argv[2] : CHARTFLOW_MENTIONS_DATA;
  TermDictionary dictionary;
  ContextRules rules;
  try {
    dictionary.load_tsv(data + "/terms.tsv", false);
    dictionary.load_tsv(data + "/abbreviations.tsv", true);
    rules.load_tsv(data + "/context_rules.tsv");
  } catch (const std::exception& e) {
    std::cerr << "chartflow_assertion_eval: " << e.what() << "\n";
    return 1;
  }
  std::map<std::string, int> tp, fp, fn;     // end to end: a gold mention not found is a miss
  std::map<std::string, int> atp, afp, afn;  // assertion alone, over the gold mentions found
  int total = 0, found = 0;
  std::vector<std::string> misses;
  try {
    read_tsv(argv[1], "gold file", [&](const std::vector<std::string>& f, const std::string& where) {
      if (f.size() < 3) throw std::runtime_error(where + ": expected sentence<TAB>mention<TAB>status");
      const std::string &sentence = f[0], &mention = f[1], &gold = f[2];
      ++total;
      const auto tokens = tokenize(sentence);
      const auto triggers = rules.find(tokens, sentence);
      std::string predicted;
      const auto matches = dictionary.match(tokens, sentence);
      std::vector<std::pair<std::size_t, std::size_t>> spans;
      for (const auto& m : matches) spans.emplace_back(m.first, m.last);
      const auto listed = listed_tokens(tokens.size(), spans);
      const ListShape lists(tokens, sentence, listed);
      for (const auto& m : matches) {
        const std::string text = lower(sentence.substr(tokens[m.first].begin, tokens[m.last].end - tokens[m.first].begin));
        const std::string wanted = lower(mention);
        if (text.find(wanted) == std::string::npos && wanted.find(text) == std::string::npos) continue;
        const auto counted = with_asides(tokens, sentence, listed);
        predicted = assert_mention(m.first, m.last, triggers, ScopeOptions{}, &counted, &lists).status();
        break;
      }
      if (predicted.empty()) {
        ++fn[gold];
        misses.push_back(where + ": mention '" + mention + "' not found");
        return;
      }
      ++found;
      if (predicted == gold) {
        ++tp[gold], ++atp[gold];
      } else {
        ++fp[predicted], ++fn[gold], ++afp[predicted], ++afn[gold];
        misses.push_back(where + ": '" + mention + "' " + predicted + ", gold " + gold);
      }
    });
  } catch (const std::exception& e) {
    std::cerr << "chartflow_assertion_eval: " << e.what() << "\n";
    return 1;
  }
  std::cout << std::fixed << std::setprecision(3);
  std::cout << "gold mentions " << total << ", found " << found << " (recall of mention detection " << (total ? 1.0 * found / total : 0) << ")\n";
  const auto table = [](const char* title, std::map<std::string, int>& tp, std::map<std::string, int>& fp, std::map<std::string, int>& fn) {
    std::cout << title << "\nstatus        precision  recall     F1   (tp fp fn)\n";
    for (const char* s : {"affirmed", "negated", "uncertain", "hypothetical", "historical", "family"}) {
      const double p = tp[s] + fp[s] ? 1.0 * tp[s] / (tp[s] + fp[s]) : 0, r = tp[s] + fn[s] ? 1.0 * tp[s] / (tp[s] + fn[s]) : 0;
      const double f1 = p + r ? 2 * p * r / (p + r) : 0;
      std::cout << std::left << std::setw(13) << s << std::right << std::setw(10) << p << std::setw(8) << r << std::setw(7) << f1 << "   ("
                << tp[s] << " " << fp[s] << " " << fn[s] << ")\n";
    }
  };
  table("assertion of the gold mentions found:", atp, afp, afn);
  table("end to end (a gold mention not found counts against its status):", tp, fp, fn);
  for (const auto& m : misses) std::cout << "  " << m << "\n";
  return 0;
}
