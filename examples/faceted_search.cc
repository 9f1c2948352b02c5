// A minimal application using the installed trove library: opens an index,
// runs one faceted query and prints the hits and the facet counts. It needs
// nothing but trove's public headers and libtrove.
//
//   faceted_search INDEX QUERY...
//
// Build it against an installed trove with CMake (CMakeLists.txt here) or
// pkg-config (Makefile here); tests/package/package_test.sh does both.
#include <cstdlib>
#include <iostream>
#include <string>

#include <trove/trove.h>

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: faceted_search INDEX QUERY...\n";
    return 2;
  }
  std::string query;
  for (int i = 2; i < argc; ++i) query += (i > 2 ? " " : "") + std::string(argv[i]);

  try {
    trove::Searcher searcher = trove::Searcher::open(argv[1]);
    trove::SearchRequest request;
    request.query = query;
    request.facets = {"region", "year"};
    request.limit = 5;
    const trove::SearchResult result = searcher.search(request);
    // Malformed text (an unclosed quote, say) is searched as reinterpreted;
    // the notes say how.
    for (const std::string& note : result.notes) std::cerr << "note: " << note << "\n";

    std::cout << "trove " << TROVE_VERSION_STRING << ": " << result.total << " hits for "
              << query << "\n";
    for (const trove::Hit& hit : result.hits) {
      std::cout << hit.rank << ". " << hit.record.title;
      if (hit.record.year) std::cout << " (" << *hit.record.year << ")";
      std::cout << "\n";
    }
    for (const std::string& facet : request.facets) {
      std::cout << facet << ":";
      for (const trove::FacetCount& c : result.facets.at(facet))
        std::cout << " " << c.value << "=" << c.count;
      std::cout << "\n";
    }
  } catch (const trove::QueryError& e) {  // caught across the library boundary
    std::cerr << "faceted_search: bad query: " << e.what() << "\n";
    return 1;
  } catch (const trove::Error& e) {
    std::cerr << "faceted_search: " << e.what() << "\n";
    return 1;
  }
  return EXIT_SUCCESS;
}
