package entities

import "strings"

// General-purpose English word lists. None of them names a particular
// person, organisation, place or work: they describe the language around
// names (titles, suffixes, cue nouns) and the ordinary words that a
// transcript capitalises without being names.

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// interjections and discourse words: never an entity on their own.
var interjections = set(
	"yeah", "yes", "yep", "yup", "no", "nope", "nah", "ok", "okay", "oh", "ah", "uh", "um", "umm", "hmm", "mm",
	"wow", "hey", "hi", "hello", "bye", "goodbye", "well", "right", "sure", "cool", "great", "thanks",
	"thank", "please", "lol", "rotfl", "rotflol", "lmao", "omg", "wtf", "haha", "ha", "aha", "gosh", "alright",
	"absolutely", "exactly", "totally", "indeed", "anyway", "anyways", "welcome", "yay", "oops", "huh", "whoa",
	"damn", "jeez", "fine", "true", "correct", "definitely", "certainly", "cheers", "god", "lord", "geez", "boom", "bam", "voila",
	"ooh", "oof", "ugh", "hmmm", "mhm", "yikes", "eh", "awesome", "sorry", "congrats", "congratulations",
	"dude", "amazing", "nice", "perfect",
)

// numberWords spell numbers: "Five-hundred" is no name.
var numberWords = set("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
	"twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
	"thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "thousand", "million", "billion")

// spelledNumber reports a number written in words ("Five-hundred",
// "twenty-one").
func spelledNumber(l string) bool {
	for _, p := range strings.Split(l, "-") {
		if !numberWords[p] {
			return false
		}
	}
	return true
}

// abstractSuffixes end abstract nouns and gerunds ("Authenticity",
// "Thoughtfulness", "Googling"): opening a sentence before a lower-case
// word and never capitalised elsewhere, such a word is the sentence's
// subject, not a name ("Booking, Google Ads …" and "Perplexity and …" are
// names).
var abstractSuffixes = []string{"ness", "ity", "ing", "ment", "ships", "ism"}

// sequenceNouns number the parts of something: "Step Two", "Level 3",
// "Season 5" name no one.
var sequenceNouns = set("step", "steps", "level", "levels", "phase", "stage", "part", "season", "episode",
	"round", "tier", "day", "week", "chapter", "lesson", "module", "version", "act", "item", "number", "page")

// sequence reports a chunk that is a sequence noun and a number ("Step
// Zero", "Level 3", "Phase II") or the sequence noun alone.
func sequence(words []string) bool {
	if len(words) == 0 || len(words) > 2 || !sequenceNouns[strings.ToLower(words[0])] {
		return false
	}
	if len(words) == 1 {
		return true
	}
	n := strings.ToLower(words[1])
	return spelledNumber(n) || strings.Trim(n, "0123456789") == "" || strings.Trim(words[1], "IVXLC") == ""
}

// abstractNoun reports a word with an abstract noun's or a gerund's ending.
func abstractNoun(w string) bool {
	l := strings.ToLower(w)
	for _, suf := range abstractSuffixes {
		if strings.HasSuffix(l, suf) && len(l) > len(suf)+3 {
			return true
		}
	}
	return false
}

// commonWords are ordinary words that a transcript capitalises at the start
// of a sentence or a clause (determiners, pronouns, conjunctions,
// prepositions, adverbs and frequent verbs/nouns/adjectives).
var commonWords = set(
	// pronouns and determiners
	"i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "you", "your", "yours", "he", "him", "his",
	"she", "her", "hers", "it", "its", "they", "them", "their", "theirs", "this", "that", "these", "those",
	"a", "an", "the", "some", "any", "all", "both", "each", "every", "either", "neither", "none", "no",
	"someone", "somebody", "something", "anyone", "anybody", "anything", "everyone", "everybody",
	"everything", "nobody", "nothing", "one", "ones", "other", "others", "another", "such", "what",
	"which", "who", "whom", "whose", "where", "when", "why", "how", "whatever", "whoever", "whichever",
	"many", "much", "more", "most", "few", "fewer", "less", "least", "several", "own", "same",
	// conjunctions, prepositions
	"and", "or", "but", "so", "because", "if", "then", "than", "though", "although", "while", "whereas",
	"unless", "until", "since", "as", "for", "nor", "yet", "of", "in", "on", "at", "to", "from", "by",
	"with", "without", "about", "above", "below", "under", "over", "after", "before", "between", "into",
	"through", "during", "against", "among", "around", "across", "behind", "beyond", "within", "upon",
	"like", "unlike", "despite", "towards", "toward", "via", "per", "plus", "minus", "versus",
	// adverbs
	"now", "today", "tonight", "tomorrow", "yesterday", "here", "there", "also", "just", "only", "even",
	"still", "already", "again", "always", "never", "often", "sometimes", "usually", "maybe", "perhaps",
	"actually", "basically", "really", "very", "quite", "rather", "too", "obviously", "clearly",
	"certainly", "probably", "possibly", "honestly", "frankly", "essentially", "literally", "seriously",
	"hopefully", "interestingly", "finally", "firstly", "secondly", "thirdly", "lastly", "first", "second",
	"third", "next", "last", "later", "earlier", "soon", "once", "twice", "instead", "otherwise",
	"however", "therefore", "thus", "hence", "meanwhile", "moreover", "furthermore", "besides",
	"anyway", "somehow", "somewhere", "anywhere", "everywhere", "nowhere", "else", "ever", "almost",
	"simply", "especially", "particularly", "generally", "typically", "mostly", "partly", "fully",
	"exactly", "precisely", "originally", "initially", "eventually", "recently", "currently",
	"previously", "ultimately", "overall", "together", "apart", "away", "back", "forward", "ahead",
	"till", "til", "unto", "whilst", "amongst", "meantime", "oftentimes", "nowadays", "ago", "long", "far", "fast", "well", "better", "best",
	// verbs (imperatives and auxiliaries that open sentences)
	"is", "are", "was", "were", "be", "been", "being", "am", "do", "does", "did", "done", "have", "has",
	"had", "can", "could", "will", "would", "shall", "should", "may", "might", "must", "let", "lets",
	"look", "listen", "see", "say", "said", "tell", "think", "know", "mean", "guess", "suppose", "imagine",
	"take", "make", "give", "get", "go", "come", "put", "keep", "stop", "start", "try", "wait", "hold",
	"consider", "remember", "note", "thank", "thanks", "welcome", "please", "congratulations", "check",
	"read", "write", "buy", "go", "talk", "ask", "answer", "turn", "move", "call", "use", "find",
	// frequent nouns and adjectives that open clauses
	"people", "person", "thing", "things", "way", "ways", "time", "times", "year", "years", "day", "days",
	"week", "weeks", "month", "months", "lot", "lots", "kind", "sort", "part", "half", "rest", "majority", "point", "fact", "idea",
	"question", "problem", "answer", "reason", "example", "number", "story", "world", "life", "work",
	"population", "government", "state", "party", "book", "show", "episode", "podcast", "newsletter", "art", "music", "money",
	"real", "good", "bad", "big", "small", "new", "old", "young", "great", "important", "interesting",
	"true", "false", "different", "similar", "certain", "sure", "whole", "full", "entire", "main",
	"major", "minor", "local", "national", "global", "public", "private", "social", "political",
	"economic", "cultural", "personal", "final", "early", "late", "high", "low", "free", "easy", "hard",
	"internet", "web", "quote", "unquote", "end", "beginning", "side", "case", "place", "man", "woman", "men", "women",
	"guy", "guys", "friend", "friends", "folks", "everyone", "mr", "mrs", "ms", "dr", "sir", "madam",
	"ladies", "gentlemen", "number", "chapter", "section", "page", "okay", "yes", "no", "not", "non",
)

// pronounsAndContractions never start an entity.
var contractionStems = set("i'm", "i'd", "i'll", "i've", "you're", "you'd", "you'll", "you've", "he's",
	"he'd", "he'll", "she's", "she'd", "she'll", "it's", "it'd", "it'll", "we're", "we'd", "we'll",
	"we've", "they're", "they'd", "they'll", "they've", "that's", "that'd", "that'll", "there's",
	"there'd", "there'll", "here's", "what's", "what'd", "what'll", "who's", "who'd", "who'll", "where's",
	"when's", "why's", "how's", "let's", "can't", "won't", "don't", "doesn't", "didn't", "isn't",
	"aren't", "wasn't", "weren't", "haven't", "hasn't", "hadn't", "wouldn't", "couldn't", "shouldn't",
	"mustn't", "ain't", "y'all", "gonna", "wanna", "gotta", "kinda", "sorta", "dunno")

// calendar words: days and months are not entities of show notes.
var calendar = set("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
	"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
	"november", "december", "weekend")

// personTitles precede a person's name.
var personTitles = set("prime", "vice", "deputy", "chief", "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "lord",
	"lady", "saint", "st", "president", "senator", "governor", "minister", "judge", "justice",
	"captain", "general", "colonel", "rev", "reverend", "father", "sister", "brother", "uncle", "aunt",
	"king", "queen", "prince", "princess", "pope", "chancellor", "mayor", "sheikh", "shri", "smt")

// roleWords name a position; "CEO of X" is a cue, not part of a name.
var roleWords = set("ceo", "cto", "cfo", "coo", "cmo", "cpo", "cio", "cso", "cdo", "cro", "pm", "founder", "cofounder", "co-founder", "president",
	"chairman", "chair", "director", "head", "editor", "member", "leader", "chief", "secretary",
	"minister", "governor", "mayor", "professor", "dean", "fellow", "partner", "vp", "manager",
	"author", "host", "producer", "creator", "owner", "employee", "student", "graduate", "alumnus")

// orgHeads end organisation names.
var orgHeads = set("command", "inc", "corp", "corporation", "co", "company", "companies", "ltd", "llc", "plc",
	"gmbh", "labs", "lab", "laboratory", "laboratories", "university", "college", "institute",
	"school", "academy", "foundation", "society", "association", "agency", "bank", "group", "party",
	"times", "post", "journal", "gazette", "herald", "tribune", "magazine", "news", "press", "review",
	"media", "network", "networks", "studios", "studio", "records", "systems", "technologies",
	"technology", "software", "capital", "ventures", "partners", "fund", "council", "commission",
	"committee", "board", "department", "ministry", "office", "bureau", "service", "services",
	"congress", "parliament", "senate", "assembly", "court", "army", "navy", "force", "police",
	"club", "team", "league", "federation", "union", "alliance", "front", "coalition", "movement",
	"organization", "organisation", "church", "hospital", "clinic", "center", "centre", "trust",
	"airlines", "airways", "motors", "consulting", "associates", "holdings", "enterprises",
	"industries", "solutions", "analytics", "robotics", "energy", "mail", "pharmaceuticals", "ai", "bbc", "fm", "tv", "channel", "sdk")

// otherHeads end the names of events, awards and schemes.
var otherHeads = set("festival", "award", "awards", "prize", "conference", "summit", "olympics",
	"cup", "war", "revolution", "expo", "fair", "championship", "championships", "games", "scheme",
	"yojana", "mission", "programme", "program", "day", "week", "renaissance")

// technologies are programming languages and operating systems: not
// organisations (no one founded "PHP" as a company), but things mentioned.
var technologies = set("php", "java", "javascript", "typescript", "python", "perl", "fortran", "cobol", "haskell",
	"scala", "kotlin", "lisp", "pascal", "matlab", "sql", "html", "css", "c++", "c#", "c sharp", "visual basic",
	"objective-c", "assembly language", "linux", "unix", "windows", "macos", "ios", "android", "ms-dos", "dos")

// orgNext follow an organisation: "the UPA government", "BJP leaders".
var orgNext = set("government", "governments", "party", "leader", "leaders", "leadership", "members",
	"member", "cadre", "cadres", "workers", "spokesperson", "ceo", "founder", "founders", "headquarters",
	"employees", "staff", "shares", "stock", "app", "account", "feed", "channel", "office", "offices",
	"ministers", "mps", "mlas", "candidate", "candidates", "regime", "coalition", "alliance",
	"newsletter", "blog", "magazine", "podcast", "website", "site", "platform", "users", "video",
	"videos", "post", "posts", "thread", "threads", "algorithm", "subscribers", "followers", "page",
	// a competition or award held by an organisation: "a Moth StorySLAM winner"
	"winner", "winners", "champion", "champions", "finalist", "finalists", "contestant", "contestants")

// placeNext follow a place: "Bihar state", "Delhi city", "Gujarat's people" does not count.
var placeNext = set("state", "city", "district", "town", "village", "region", "province", "border",
	"borders", "capital", "coast", "county")

// placeHeads end place names.
var placeHeads = set("city", "town", "village", "county", "state", "province", "district", "valley",
	"river", "lake", "mountain", "mountains", "mount", "island", "islands", "bay", "sea", "ocean",
	"coast", "beach", "park", "street", "road", "avenue", "square", "bridge", "airport", "station",
	"desert", "forest", "peninsula", "region", "republic", "kingdom", "empire", "nadu", "pradesh",
	"land", "heights", "hills", "falls", "harbor", "harbour", "port", "gulf", "strait", "canyon")

// placePrefixes start place names.
var placePrefixes = set("north", "south", "east", "west", "northern", "southern", "eastern",
	"western", "central", "upper", "lower", "new", "san", "santa", "los", "las", "saint", "st", "fort",
	"lake", "mount", "port", "great")

// workHeads end the names of works: laws, reports.
var workHeads = set("act", "bill", "law", "amendment", "treaty", "report", "manifesto", "declaration",
	"convention", "accord", "code", "constitution", "directive")

// Cue nouns before a name ("the book X", "a band called X").
var (
	workCues = set("book", "books", "novel", "novels", "paper", "papers", "essay", "essays", "article",
		"song", "songs", "album", "albums", "film", "films", "movie", "movies", "show", "shows", "series",
		"course", "courses", "poem", "poems", "play", "opera", "painting", "paintings", "record", "track",
		"single", "documentary", "game", "games", "app", "product", "textbook", "memoir", "biography",
		"titled", "entitled", "law", "act", "bill", "essay", "lecture", "talk", "speech", "study",
		// products: software, models and tools
		"algorithm", "algorithms", "software", "tool", "tools", "model", "models", "library", "framework",
		"program", "programme", "device", "gadget", "dataset", "system", "product's", "products")
	orgCues = set("company", "companies", "startup", "startups", "firm", "firms", "customers",
		"competitors", "businesses", "brands", "nonprofits", "non-profit", "nonprofits", "employers", "magazine", "newspaper",
		"paper's", "journal", "blog", "newsletter", "channel", "platform", "platforms", "website",
		"site", "app's", "party", "parties", "band", "bands", "group", "label", "agency", "organisation",
		"organization", "institute", "university", "brand", "network", "publication", "outlet",
		"team", "club", "charity", "nonprofit", "ngo", "government", "coalition", "union")
	placeCues = set("city", "cities", "town", "towns", "village", "villages", "state", "states",
		"country", "countries", "province", "region", "district", "capital", "island", "continent",
		"nation", "area", "county", "neighbourhood", "neighborhood", "suburb", "constituency", "parts")
	personCues = set("mr", "mrs", "ms", "dr", "professor", "prof", "sir", "uncle", "aunt", "guest",
		"author", "artist", "singer", "musician", "painter", "writer", "journalist", "friend", "colleague",
		"wife", "husband", "son", "daughter", "father", "mother", "brother", "sister", "ceo", "founder",
		"president", "minister", "leader", "chief", "cofounder", "co-founder", "director", "actor",
		"composer", "guitarist", "pianist", "poet", "novelist", "philosopher", "economist", "scientist",
		"researcher", "historian", "critic", "youtuber", "creator")
	// placePreps precede a place: "in X", "from X"; weakPlacePreps
	// precede places and websites alike ("go to X").
	placePreps     = set("in", "from", "across", "near", "outside", "inside", "throughout", "within")
	weakPlacePreps = set("to", "towards", "toward", "into", "via", "around")
	// orgPreps precede a platform or employer: "on X", "at X", "joined X".
	orgPreps = set("on", "at", "joined", "join", "with", "for")
	// personVerbs follow a person: "X said".
	personVerbs = set("said", "says", "told", "tells", "wrote", "writes", "thinks", "thought",
		"believes", "argued", "argues", "explained", "explains", "asked", "asks", "himself", "herself",
		"who", "he", "she", "his", "her")
)

// imperativeOpeners open a sentence of invitation or advertising before a
// name ("Visit amplitude.com", "Enter Vanta.", "Meet Ann Lee"): not part
// of it.
var imperativeOpeners = set("visit", "enter", "try", "check", "head", "download", "meet", "join",
	"email", "text", "call", "grab", "follow", "subscribe", "ask", "use", "click", "introducing")

// commonAcronyms are abbreviations of common nouns, not names: "this TV
// show", "the CEO".
var commonAcronyms = set("tv", "dj", "rj", "mc", "ceo", "cto", "cfo", "coo", "vp", "phd", "mba", "md",
	"ai", "ml", "vr", "ar", "pc", "pr", "hr", "ad", "ads", "faq", "diy", "gdp", "id", "iq", "ip", "api",
	"apis", "url", "sms", "usb", "cpu", "cpus", "gpu", "gpus", "dna", "rna", "atm", "ev", "evs", "suv",
	"ufo", "vip", "ok", "fyi", "asap", "eta", "tbh", "nft", "nfts", "pdf", "seo", "ui", "ux", "saas",
	"b2b", "b2c", "mp", "mps", "mla", "mlas", "pm", "am", "tl", "dr", "pov", "rip", "tldr", "aka",
	"etc", "ie", "eg", "vs", "ps", "ot", "qa", "mvp", "kpi", "roi", "ipo", "hq", "rnd", "r&d", "sat",
	// business and engineering concepts, formats and categories
	"csv", "soc", "cac", "ltv", "cpg", "arr", "mrr", "okr", "okrs", "gtm", "plg", "smb", "smbs", "crm",
	"erp", "sdk", "sdks", "sql", "html", "css", "json", "xml", "http", "https", "os", "llm", "llms",
	"agi", "a/b", "ab", "p&l", "fintech", "edtech", "adtech", "martech", "healthtech", "insurtech",
	"proptech", "devops", "nps", "dau", "mau", "cro", "ctr", "cpm", "cpa", "ugc", "gmv", "aov",
	// roles, functions and engineering terms said as letters
	"cmo", "cpo", "cio", "cso", "cdo", "ic", "ics", "apm", "apms", "tpm", "tpms", "em", "ems", "sre",
	"ide", "ides", "cli", "rag", "pii", "icp", "icps", "ats", "sso", "scim", "rbac", "cdp", "cms", "sla",
	"slas", "rfp", "rfps", "nlp", "ocr", "utf", "ascii", "sku", "skus", "b2b2c", "d2c", "dtc", "yoy",
	"q1", "q2", "q3", "q4", "h1", "h2", "fy", "eod", "1:1", "1:1s",
	"soc2", "kyc", "aml", "pmf", "vc", "vcs", "npc", "npcs", "adhd", "ocd",
	"ptsd", "epub", "bs", "dx", "ux/ui", "ui/ux", "qa/qc")

// brandSuffixes end invented company and product names ("-ify", "-gram",
// "-tube", "-book"): a morphological cue, like "Inc" or "Labs".
var brandSuffixes = []string{"ify", "gram", "tube", "book", "flix", "pedia", "soft", "hub", "bot",
	"chat", "cast", "pay", "mart", "ware", "labs", "verse", "tron"}

// workNext follow the name of a work: "X came out", "X was released".
var workNext = map[string]bool{"came out": true, "was released": true, "was published": true,
	"is released": true, "got released": true, "premiered": true, "aired": true, "sold": true,
	"topped": true, "charted": true}
