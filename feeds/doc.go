// Package feeds writes and checks the podcast RSS feed of shownotes: an
// episode's item with its iTunes and Podcasting 2.0 tags, a new feed's
// channel, the in-place update of an existing feed, and a validator for what
// Apple Podcasts and the Podcast Standards Project (PSP-1) require.
//
// # Building
//
// github.com/gorilla/feeds builds the RSS 2.0 core (the channel's title,
// link, description, language, lastBuildDate and generator; the item's title,
// link, guid, pubDate, enclosure and content:encoded). It has no iTunes or
// Podcasting 2.0 elements and no hook for foreign elements (its maintainers
// declined them), and it escapes an item's HTML description as text where
// Apple expects CDATA. So the XML types here embed gorilla's RssFeed and
// RssItem and add their own encoding/xml fields for the rest; the item's
// description field shadows gorilla's to write CDATA.
//
// # Updating
//
// Upsert never re-serialises a feed it did not write. It reads the existing
// feed with an xml.Decoder only to find byte offsets (the items, the
// channel's end, lastBuildDate, the <rss> start tag) and splices the new
// item's bytes into the original bytes: every other byte (other items,
// unknown elements and namespaces, comments, CDATA, whitespace) stays as it
// was. The item with the same guid is replaced (an item written by earlier
// versions, whose guid is the UUIDv5 of its enclosure URL, is found by its
// link and keeps its guid); an item of another episode with the same
// enclosure URL makes the update fail with the feed untouched (ErrConflict).
// Then the items are put in pubDate order, newest first, each moved into the
// place of another so that what lies between items stays. The write is
// atomic, keeps the file's mode and (as root) its owner, and is serialised
// by a lock on .FEED.lock beside it (LockPath): flock on Unix, LockFileEx on
// Windows. A held lock is waited for a bounded time (Options).
package feeds
