package entities

import (
	"maps"
	"slices"
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
	for _, code := range twoLetterCodes(strings.ToUpper) {
		r, err := language.ParseRegion(code)
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
	for _, s := range strings.Split(majorCities, ",") {
		m[strings.ToLower(strings.TrimSpace(s))] = true
	}
	for _, s := range []string{"america", "britain", "england", "scotland", "wales", "europe", "asia", "africa", "antarctica", "usa", "uk", "us", "u.s.", "u.k."} {
		m[s] = true
	}
	return m
}

// knownLanguages are the English names of the languages with a two-letter
// ISO 639-1 code (CLDR's, from golang.org/x/text), lower-cased, four
// letters or more, that are no place's name: "Hebrew", "Urdu", "Arabic".
// Said on their own they are languages, never organisations or people.
var knownLanguages = buildLanguages()

func buildLanguages() map[string]bool {
	m := map[string]bool{}
	names := display.English.Languages()
	for _, code := range twoLetterCodes(strings.ToLower) {
		base, err := language.ParseBase(code)
		if err != nil {
			continue
		}
		n := names.Name(base)
		if n == "" || strings.ContainsAny(n, " ()-,") || len(n) < 4 {
			continue
		}
		if l := strings.ToLower(n); !knownPlaces[l] {
			m[l] = true
		}
	}
	return m
}

// twoLetterCodes are "AA" … "ZZ" in the case cased gives: the candidate
// ISO 3166-1 region and ISO 639-1 language codes.
func twoLetterCodes(cased func(string) string) []string {
	var out []string
	for a := 'a'; a <= 'z'; a++ {
		for b := 'a'; b <= 'z'; b++ {
			out = append(out, cased(string([]rune{a, b})))
		}
	}
	return out
}

const usStates = `Alabama, Alaska, Arizona, Arkansas, California, Colorado, Connecticut,
Delaware, Florida, Georgia, Hawaii, Idaho, Illinois, Indiana, Iowa, Kansas, Kentucky, Louisiana,
Maine, Maryland, Massachusetts, Michigan, Minnesota, Mississippi, Missouri, Montana, Nebraska,
Nevada, New Hampshire, New Jersey, New Mexico, New York, North Carolina, North Dakota, Ohio,
Oklahoma, Oregon, Pennsylvania, Rhode Island, South Carolina, South Dakota, Tennessee, Texas,
Utah, Vermont, Virginia, Washington, West Virginia, Wisconsin, Wyoming`

// majorCities are the world's and the United States' best-known cities, the
// ones conversation names without saying "the city of". Cities that are
// also common first names (Austin, Sydney, Charlotte, Orlando, Florence,
// Madison) are left out: a gazetteer hit outweighs context, and those are
// people as often as places.
const majorCities = `Tokyo, Delhi, New Delhi, Shanghai, Beijing, Mumbai, Bombay, Kolkata, Calcutta, Chennai, Madras,
Bangalore, Bengaluru, Hyderabad, Pune, Ahmedabad, Jaipur, Lucknow, Karachi, Lahore, Islamabad, Dhaka,
Kathmandu, Colombo, Bangkok, Jakarta, Manila, Singapore, Kuala Lumpur, Hanoi, Ho Chi Minh City, Seoul,
Busan, Osaka, Kyoto, Taipei, Hong Kong, Shenzhen, Guangzhou, Chengdu, Wuhan, Dubai, Abu Dhabi, Doha,
Riyadh, Tehran, Baghdad, Istanbul, Ankara, Tel Aviv, Jerusalem, Cairo, Lagos, Nairobi, Addis Ababa,
Johannesburg, Cape Town, Accra, Kinshasa, Casablanca, London, Paris, Berlin, Munich, Hamburg, Frankfurt,
Madrid, Barcelona, Lisbon, Rome, Milan, Naples, Venice, Athens, Vienna, Prague, Budapest, Warsaw,
Krakow, Stockholm, Oslo, Copenhagen, Helsinki, Amsterdam, Rotterdam, Brussels, Zurich, Geneva, Dublin,
Edinburgh, Glasgow, Manchester, Liverpool, Birmingham, Oxford, Cambridge, Moscow, St. Petersburg, Kyiv,
Kiev, Toronto, Montreal, Vancouver, Ottawa, Calgary, Mexico City, Guadalajara, Havana, Bogota, Lima,
Santiago, Buenos Aires, Sao Paulo, Rio de Janeiro, Brasilia, Caracas, Melbourne, Brisbane, Perth,
Auckland, Wellington, New York City, Los Angeles, Chicago, Houston, Philadelphia, San Antonio,
San Diego, Dallas, San Jose, San Francisco, Seattle, Portland, Denver, Boston, Atlanta, Miami,
Detroit, Minneapolis, Pittsburgh, Baltimore, Cleveland, Cincinnati, St. Louis, Kansas City, Nashville,
New Orleans, Las Vegas, Salt Lake City, Sacramento, Oakland, Palo Alto, Mountain View, Menlo Park,
Cupertino, Sunnyvale, Brooklyn, Manhattan, Silicon Valley, Bay Area, Hollywood`

// placeNames are the gazetteer's names in order, for prefix lookups.
var placeNames = slices.Sorted(maps.Keys(knownPlaces))

// opensPlaceName reports whether some known place's name starts with
// prefix (lower case).
func opensPlaceName(prefix string) bool {
	i, _ := slices.BinarySearch(placeNames, prefix)
	return i < len(placeNames) && strings.HasPrefix(placeNames[i], prefix)
}

// isKnownPlace reports whether name is in the gazetteer.
func isKnownPlace(name string) bool { return knownPlaces[strings.ToLower(strings.TrimSpace(name))] }
