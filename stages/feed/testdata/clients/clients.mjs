// Parses the feed at argv[2] with podcast-partytime and rss-parser and
// prints what each read of the first item as JSON (for clients_test.go).
import { readFileSync } from "node:fs";
import { parseFeed } from "podcast-partytime";
import Parser from "rss-parser";

const xml = readFileSync(process.argv[2], "utf8");
const pt = parseFeed(xml);
const pi = pt.items[0];
const rp = await new Parser({ customFields: { item: ["itunes:duration"] } }).parseString(xml);
const ri = rp.items[0];
console.log(JSON.stringify({
  partytime: {
    feed_title: pt.title, n: pt.items.length,
    title: pi.title, guid: pi.guid, link: pi.link,
    enclosure: pi.enclosure, duration: pi.duration,
    published: pi.pubDate ? new Date(pi.pubDate).toISOString() : "",
    description: pi.description,
    chapters: pi.podcastChapters ?? null,
    transcripts: pi.podcastTranscripts ?? [],
    people: pi.podcastPeople ?? [],
    soundbites: pi.podcastSoundbites ?? [],
  },
  rssparser: {
    feed_title: rp.title, n: rp.items.length,
    title: ri.title, guid: ri.guid, link: ri.link,
    enclosure: ri.enclosure, duration: ri.itunes?.duration ?? ri["itunes:duration"],
    published: ri.isoDate, content: ri.content,
  },
}));
