package entities

import (
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// knownPlaces is the gazetteer that makes a name a place on its own: the
// English names of the world's countries and regions (CLDR's, from
// golang.org/x/text), the continents, and the states of the United States,
// lower-cased. prose labels almost any capitalised word GPE ("Slack",
// "Kaggle" alike), so its label alone is no evidence of a place: a name
// outside the gazetteer needs context ("in X", "the city of X") to be one.
var knownPlaces = buildPlaces()

func buildPlaces() map[string]bool {
	m := map[string]bool{}
	names := display.English.Regions()
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			r, err := language.ParseRegion(string([]rune{a, b}))
			if err != nil || !r.IsCountry() {
				continue
			}
			if n := names.Name(r); n != "" && !strings.Contains(n, "Unknown") {
				m[strings.ToLower(n)] = true
				// "Myanmar (Burma)", "Congo - Kinshasa": the plain name too
				if i := strings.IndexAny(n, "(-"); i > 0 {
					m[strings.ToLower(strings.TrimSpace(n[:i]))] = true
				}
			}
		}
	}
	for _, code := range []string{"002", "009", "019", "142", "150", "005", "021", "029", "013", "039", "151", "154", "155", "030", "034", "035", "145", "053", "054", "011", "014", "015", "017", "018"} {
		if r, err := language.ParseRegion(code); err == nil {
			if n := names.Name(r); n != "" {
				m[strings.ToLower(n)] = true
			}
		}
	}
	for _, s := range strings.Split(usStates, ",") {
		m[strings.ToLower(strings.TrimSpace(s))] = true
	}
	for _, s := range []string{"america", "britain", "england", "scotland", "wales", "europe", "asia", "africa", "antarctica", "usa", "uk", "us", "u.s.", "u.k."} {
		m[s] = true
	}
	return m
}

const usStates = `Alabama, Alaska, Arizona, Arkansas, California, Colorado, Connecticut,
Delaware, Florida, Georgia, Hawaii, Idaho, Illinois, Indiana, Iowa, Kansas, Kentucky, Louisiana,
Maine, Maryland, Massachusetts, Michigan, Minnesota, Mississippi, Missouri, Montana, Nebraska,
Nevada, New Hampshire, New Jersey, New Mexico, New York, North Carolina, North Dakota, Ohio,
Oklahoma, Oregon, Pennsylvania, Rhode Island, South Carolina, South Dakota, Tennessee, Texas,
Utah, Vermont, Virginia, Washington, West Virginia, Wisconsin, Wyoming`

// isKnownPlace reports whether name is in the gazetteer.
func isKnownPlace(name string) bool { return knownPlaces[strings.ToLower(strings.TrimSpace(name))] }
