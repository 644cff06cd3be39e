package entities

import (
	"regexp"
	"strings"

	"github.com/shownotes/shownotes/pipeline"
)

// splitOf splits "the Da Vinci of TikTok" into two names when both sides
// are named on their own elsewhere in the episode; "Bank of England" stays
// whole when its parts never occur alone.
func splitOf(tr *pipeline.Transcript, ms []*mention) []*mention {
	alone := map[string]bool{}
	for _, m := range ms {
		if !strings.Contains(m.Surface, " of ") {
			alone[norm(m.Surface)] = true
		}
	}
	var out []*mention
	for _, m := range ms {
		i := strings.Index(m.Surface, " of ")
		if i < 0 {
			out = append(out, m)
			continue
		}
		left, right := m.Surface[:i], m.Surface[i+4:]
		if !alone[norm(left)] || !alone[norm(right)] {
			out = append(out, m)
			continue
		}
		lw, rw := len(strings.Fields(left)), len(strings.Fields(right))
		if m.First+lw+1+rw != m.End {
			out = append(out, m) // words and surface disagree: keep whole
			continue
		}
		out = append(out,
			&mention{First: m.First, End: m.First + lw, Surface: left, votes: votes{}, sentStart: m.sentStart},
			&mention{First: m.End - rw, End: m.End, Surface: right, votes: votes{}})
	}
	return out
}

// knownAsRE finds another name of the guest in the header's bio: "known
// online as the Sneaky Artist", "aka Sneaky Artist".
var knownAsRE = regexp.MustCompile(`(?:known(?: online| on \w+)? as|a\.?k\.?a\.?|also called|who goes by)\s+(?:the\s+)?((?:[A-Z][\w'.-]*)(?:\s+[A-Z][\w'.-]*)*)`)

// guestName is the header's guest, else the one speaker who is neither a
// host nor the first speaker (the host usually opens the show).
func guestName(tr *pipeline.Transcript, hosts []string) string {
	if tr.Header.Guest != "" {
		return tr.Header.Guest
	}
	sp := tr.Speakers()
	isHost := map[string]bool{}
	for _, h := range hosts {
		isHost[strings.ToLower(h)] = true
	}
	var cands []string
	for i, s := range sp {
		if isHost[strings.ToLower(s)] || (len(hosts) == 0 && i == 0) {
			continue
		}
		cands = append(cands, s)
	}
	if len(cands) == 1 {
		return cands[0]
	}
	return ""
}

// bioAliases merges into the guest the names the header's bio gives as
// the guest's other names.
func bioAliases(tr *pipeline.Transcript, opts Options, gs []*group) {
	guest := guestName(tr, opts.Hosts)
	if guest == "" || tr.Header.Bio == "" {
		return
	}
	var target *group
	for _, g := range gs {
		if g.parent == nil && (g.person == guest || norm(g.ms[0].Surface) == norm(guest)) {
			target = g
		}
	}
	if target == nil {
		return
	}
	for _, m := range knownAsRE.FindAllStringSubmatch(tr.Header.Bio, -1) {
		alias := norm(m[1])
		for _, g := range gs {
			if g.parent != nil || g == target {
				continue
			}
			for _, s := range g.surfaces() {
				if norm(s) == alias {
					merge(target, g)
					break
				}
			}
		}
	}
}

// merge moves group b's mentions and votes into a.
func merge(a, b *group) {
	b.parent = a
	a.ms = append(a.ms, b.ms...)
	a.votes.add(b.votes)
}

// coordinate lets names joined by "and", "or" or a comma ("Da Vinci or
// Rembrandt", "Delhi and Bihar") lend each other a little of their type
// evidence: lists are usually of one kind.
func coordinate(tr *pipeline.Transcript, gs []*group) {
	type at struct {
		g *group
		m *mention
	}
	var all []at
	for _, g := range gs {
		if g.parent != nil {
			continue
		}
		for _, m := range g.ms {
			all = append(all, at{g, m})
		}
	}
	byFirst := map[int]*group{}
	for _, a := range all {
		byFirst[a.m.First] = a.g
	}
	own := map[*group]votes{}
	for _, g := range gs {
		if g.parent == nil {
			own[g] = g.total()
		}
	}
	for _, a := range all {
		e := a.m.End
		if e-1 < 0 || e >= len(tr.Words) {
			continue
		}
		lastWord := tr.Words[e-1].Text
		next := strings.ToLower(strings.Trim(tr.Words[e].Text, ",."))
		var o *group
		switch {
		case strings.HasSuffix(lastWord, ","):
			o = byFirst[e]
		case next == "and" || next == "or" || next == "&":
			o = byFirst[e+1]
		}
		if o == nil || o == a.g {
			continue
		}
		if t := own[o].best(""); t != "" {
			a.g.votes[t] += wCoord
		}
		if t := own[a.g].best(""); t != "" {
			o.votes[t] += wCoord
		}
	}
}
