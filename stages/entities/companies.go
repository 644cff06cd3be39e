package entities

import "strings"

// knownOrgs is the gazetteer of organisations that conversation names
// without saying "the company X": the best-known companies, products'
// makers, publishers, investors and universities, as anyone in tech or
// business would list them, lower-cased. A hit is evidence like a place's
// gazetteer hit: it outweighs prose's label and a preposition ("in
// Airbnb", "the analysts like Gartner"), not a cue noun. Left out: names
// that are common surnames or first names too (Ford, Dell, Disney,
// Bloomberg, Morgan), so that "Michael Dell" stays a person, and places'
// names (Oxford, Cambridge, Berkeley), which the places' gazetteer holds.
var knownOrgs = set(strings.Split(strings.ReplaceAll(strings.ToLower(knownOrgNames), "\n", " "), ", ")...)

// isKnownOrg reports whether name is in the organisations' gazetteer.
func isKnownOrg(name string) bool {
	return knownOrgs[strings.ToLower(strings.TrimSpace(name))]
}

const knownOrgNames = `Google, Alphabet, YouTube, Apple, Microsoft, Amazon, AWS, Meta, Facebook, Instagram, WhatsApp, Netflix, Nvidia,
Intel, AMD, Qualcomm, IBM, Oracle, Salesforce, Adobe, SAP, Cisco, VMware, ServiceNow, Workday, Snowflake,
Databricks, Palantir, Tesla, SpaceX, OpenAI, Anthropic, DeepMind, Mistral, Cohere, Hugging Face, Perplexity,
Midjourney, Stability AI, Uber, Lyft, Airbnb, DoorDash, Instacart, Grubhub, Postmates, Deliveroo, Just Eat,
Booking.com, Expedia, TripAdvisor, Kayak, Stripe, Square, PayPal, Venmo, Robinhood, Coinbase, Plaid, Brex,
Klarna, Affirm, Revolut, Monzo, Adyen, Visa, Mastercard, American Express, Goldman Sachs, JPMorgan,
J.P. Morgan, Morgan Stanley, BlackRock, Berkshire Hathaway, Citibank, Citigroup, Wells Fargo, Bank of America,
HSBC, Barclays, Deutsche Bank, UBS, Credit Suisse, Fidelity, Vanguard, Charles Schwab, Sequoia,
Sequoia Capital, Andreessen Horowitz, a16z, Accel, Greylock, Kleiner Perkins, Index Ventures, Lightspeed,
General Catalyst, Founders Fund, Tiger Global, SoftBank, Y Combinator, YC, Techstars, 500 Startups,
First Round, First Round Capital, Khosla Ventures, Insight Partners, Bessemer, Union Square Ventures, Slack,
Zoom, Dropbox, Atlassian, Jira, Confluence, Trello, Asana, Notion, Airtable, Figma, Canva, Miro, Loom,
Calendly, Zapier, HubSpot, Marketo, Mailchimp, Intercom, Zendesk, Gong, Salesloft, Gainsight, Amplitude,
Mixpanel, Optimizely, LaunchDarkly, Datadog, New Relic, Splunk, PagerDuty, Sentry, GitHub, GitLab, Bitbucket,
Vercel, Netlify, Heroku, Cloudflare, Fastly, Akamai, DigitalOcean, Twilio, SendGrid, Okta, Auth0, CrowdStrike,
Palo Alto Networks, Zscaler, Shopify, BigCommerce, Squarespace, Wix, WordPress, Automattic, Webflow, Bubble,
Retool, Replit, Cursor, Linear, Superhuman, Grammarly, Duolingo, Coursera, Udemy, Khan Academy, Chegg, Quizlet,
Masterclass, LinkedIn, Twitter, X Corp, TikTok, ByteDance, Snapchat, Snap, Pinterest, Reddit, Quora, Tumblr,
Discord, Twitch, Telegram, WeChat, Tencent, Alibaba, Baidu, JD.com, Meituan, Xiaomi, Huawei, Samsung, Sony, LG,
Panasonic, Nintendo, Toyota, Honda, Nissan, Volkswagen, BMW, Mercedes, Mercedes-Benz, Audi, Porsche, Ferrari,
Volvo, Rivian, General Motors, GM, Chrysler, Boeing, Airbus, Lockheed Martin, Raytheon, General Electric, GE,
Siemens, Honeywell, 3M, Caterpillar, Deere, John Deere, Walmart, Target, Costco, Kroger, Home Depot, IKEA,
Best Buy, eBay, Etsy, Wayfair, Chewy, Zappos, Warby Parker, Allbirds, Casper, Glossier, Peloton, Nike, Adidas,
Puma, Lululemon, Patagonia, Zara, H&M, Uniqlo, Levi's, Coca-Cola, Pepsi, PepsiCo, Nestle, Unilever,
Procter & Gamble, P&G, Starbucks, McDonald's, Chipotle, Domino's, KFC, Red Bull, Spotify, SoundCloud, Pandora,
Hulu, HBO, Disney+, Paramount, Warner Bros, NBC, CBS, ABC, CNN, Fox News, BBC, NPR, PBS, ESPN, Bloomberg News,
Reuters, Associated Press, The New York Times, New York Times, The Washington Post, Washington Post,
The Wall Street Journal, Wall Street Journal, The Economist, Financial Times, The Atlantic, The New Yorker,
Wired, TechCrunch, The Verge, Forbes, Fortune, Business Insider, Axios, Vox, BuzzFeed, Medium, Substack,
Patreon, Kickstarter, Indiegogo, GoFundMe, Product Hunt, Hacker News, Stack Overflow, Wikipedia, Yelp,
Glassdoor, Indeed, ZipRecruiter, Upwork, Fiverr, Toptal, Deel, Gusto, Rippling, Carta, AngelList, Crunchbase,
PitchBook, Gartner, Forrester, McKinsey, Bain, BCG, Boston Consulting Group, Deloitte, Accenture, PwC, KPMG,
EY, Ernst & Young, IDEO, Pixar, DreamWorks, Lucasfilm, Electronic Arts, Activision, Blizzard, Epic Games,
Roblox, Riot Games, Zynga, Supercell, Rovio, Nest, Fitbit, GoPro, Garmin, Bose, Sonos, Dyson, Xerox, HP,
Hewlett-Packard, Lenovo, Asus, Acer, Motorola, Nokia, Ericsson, BlackBerry, Verizon, AT&T, T-Mobile, Comcast,
Vodafone, Yahoo, AOL, MySpace, Friendster, Foursquare, Groupon, LivingSocial, Yammer, Evernote, Wunderlist,
37signals, Hootsuite, Sprout Social, Typeform, SurveyMonkey, Qualtrics, Tableau, Looker, dbt Labs, Fivetran,
MongoDB, Redis, Confluent, HashiCorp, Docker, Kubernetes, Red Hat, Mozilla, DuckDuckGo, Zillow, Redfin,
Opendoor, WeWork, Regus, Carvana, Turo, Waymo, Zoox, Nuro, Anduril, Scale AI, Weights & Biases, Character.AI,
ElevenLabs, Synthesia, Descript, Lovable, Vanta, Drata, ZoomInfo, Harvard, Stanford, Yale, Princeton, MIT,
Caltech, Carnegie Mellon, Wharton, INSEAD, Cornell, Duke University, UCLA, NYU`
