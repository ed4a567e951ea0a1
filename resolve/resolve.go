// Package resolve owns the mapping from names as staff and the press type
// them (English, French or Arabic, any case, with or without accents,
// articles or punctuation) to candidate entries: countries, organisations,
// people. It says when a name is ambiguous or unknown rather than guessing,
// and gives a confidence. It stores nothing: callers build an Index from
// their own records.
package resolve

import (
	"cmp"
	"math"
	"slices"
	"strings"
)

// Statuses of a Result.
const (
	StatusResolved  = "resolved"  // one candidate, clearly ahead
	StatusAmbiguous = "ambiguous" // several candidates too close to call
	StatusUnknown   = "unknown"   // nothing good enough; Matches holds near misses
)

// Decision thresholds; see Resolve.
const (
	minConfidence = 0.75 // a candidate below this is never resolved
	margin        = 0.05 // the winner must lead the next entry by more than this
	nearMiss      = 0.60 // weaker candidates are not reported at all
	maxNearMisses = 3    // near misses reported for an unknown name
)

// Entry is one thing a name can resolve to.
type Entry struct {
	Kind  string   `json:"kind"`  // "country", "organisation", "person" ...
	Key   string   `json:"key"`   // ISO alpha-2 for countries, a partner code or person id otherwise
	Label string   `json:"label"` // display name
	Names []string `json:"names"` // every official name and alias, any language
}

// Match is one candidate for a query.
type Match struct {
	Kind       string  `json:"kind"`
	Key        string  `json:"key"`
	Label      string  `json:"label"`
	Matched    string  `json:"matched"`    // the name (as given in Entry.Names) that matched
	Confidence float64 `json:"confidence"` // 1.0 exact after normalisation; lower for fuzzy
}

// Result is the answer to one query.
type Result struct {
	Query   string  `json:"query"`
	Status  string  `json:"status"`  // StatusResolved, StatusAmbiguous or StatusUnknown
	Matches []Match `json:"matches"` // best first; for ambiguous, all the tied candidates
}

// Index resolves names against a fixed set of entries; it is safe for
// concurrent use.
type Index struct {
	entries []Entry
	names   []indexedName
	exact   map[string][]hit // search key -> entries with a name of that key
	maxTok  int              // most tokens in any name
	maxLen  int              // most runes in any key or skeleton
}

// indexedName is one name of one entry, with its shorter token runs.
type indexedName struct {
	entry int
	text  string
	form  form
	runs  []form // contiguous runs of fewer tokens than the whole name
}

// hit is a name of an entry.
type hit struct{ entry, name int }

// candidate is the best score of one entry for a query.
type candidate struct {
	entry, name int
	score       float64
}

// NewIndex indexes entries. Entries sharing Kind and a non-empty Key are
// merged, so aliases may be passed as separate entries. The label is indexed
// as a name too.
func NewIndex(entries []Entry) *Index {
	ix := &Index{exact: map[string][]hit{}}
	for _, e := range mergeEntries(entries) {
		ix.add(e)
	}
	return ix
}

// mergeEntries merges entries with the same Kind and non-empty Key, in order.
func mergeEntries(entries []Entry) []Entry {
	var out []Entry
	seen := map[[2]string]int{}
	for _, e := range entries {
		id := [2]string{e.Kind, e.Key}
		i, ok := seen[id]
		if !ok || e.Key == "" {
			seen[id] = len(out)
			out = append(out, Entry{Kind: e.Kind, Key: e.Key, Label: e.Label, Names: slices.Clone(e.Names)})
			continue
		}
		out[i].Names = append(out[i].Names, e.Names...)
		if out[i].Label == "" {
			out[i].Label = e.Label
		}
	}
	return out
}

// add indexes one merged entry and its distinct names.
func (ix *Index) add(e Entry) {
	id := len(ix.entries)
	ix.entries = append(ix.entries, e)
	seen := map[string]bool{}
	for _, text := range append(slices.Clone(e.Names), e.Label) {
		key := Normalize(text)
		if key == "" || seen[key] {
			continue
		}
		seen[key] = true
		ix.exact[key] = append(ix.exact[key], hit{id, len(ix.names)})
		ix.names = append(ix.names, ix.newName(id, text, key))
	}
}

// newName prepares one name and records its size.
func (ix *Index) newName(entry int, text, key string) indexedName {
	n := indexedName{entry: entry, text: text, form: newForm(key)}
	toks := strings.Split(key, " ")
	for k := 1; k < len(toks); k++ {
		for i := 0; i+k <= len(toks); i++ {
			n.runs = append(n.runs, newForm(strings.Join(toks[i:i+k], " ")))
		}
	}
	ix.maxTok = max(ix.maxTok, len(toks))
	ix.maxLen = max(ix.maxLen, len(n.form.runes), len(n.form.skel))
	return n
}

// Resolve maps text to candidates. An exact match (after Normalize) of some
// name wins outright, and is ambiguous if several entries share it. Otherwise
// every entry is scored by its best name, fuzzily and by token runs; the top
// entry is resolved if it reaches 0.75 and leads the next by more than 0.05,
// ambiguous with all entries within 0.05 of it if it reaches 0.75, and
// unknown otherwise, with up to three near misses.
func (ix *Index) Resolve(text string) Result {
	res := Result{Query: text, Status: StatusUnknown, Matches: []Match{}}
	key := Normalize(text)
	if key == "" {
		return res
	}
	if hits := ix.exact[key]; len(hits) > 0 {
		return ix.exactResult(res, hits)
	}
	q := newForm(key)
	return ix.decide(res, ix.candidates(&q))
}

// exactResult reports the entries whose names equal the query's key.
func (ix *Index) exactResult(res Result, hits []hit) Result {
	for _, h := range hits {
		res.Matches = append(res.Matches, ix.match(candidate{h.entry, h.name, 1}))
	}
	sortMatches(res.Matches)
	res.Status = StatusResolved
	if len(hits) > 1 {
		res.Status = StatusAmbiguous
	}
	return res
}

// decide turns ranked candidates into a status and matches.
func (ix *Index) decide(res Result, cands []candidate) Result {
	if len(cands) == 0 || cands[0].score < minConfidence {
		for _, c := range cands[:min(len(cands), maxNearMisses)] {
			res.Matches = append(res.Matches, ix.match(c))
		}
		return res
	}
	for _, c := range cands {
		if c.score < cands[0].score-margin-1e-9 {
			break
		}
		res.Matches = append(res.Matches, ix.match(c))
	}
	res.Status = StatusResolved
	if len(res.Matches) > 1 {
		res.Status = StatusAmbiguous
	}
	return res
}

// match builds the reported Match of a candidate.
func (ix *Index) match(c candidate) Match {
	e := ix.entries[c.entry]
	return Match{Kind: e.Kind, Key: e.Key, Label: e.Label, Matched: ix.names[c.name].text, Confidence: c.score}
}

// sortMatches orders tied exact matches stably by kind and key.
func sortMatches(ms []Match) {
	slices.SortFunc(ms, func(a, b Match) int {
		return cmp.Or(cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.Key, b.Key))
	})
}

// candidates scores every entry against q and returns those reaching
// nearMiss, best first, scores rounded to three decimals.
func (ix *Index) candidates(q *form) []candidate {
	best := make([]candidate, len(ix.entries))
	top := ix.containedScores(q, best)
	s := newScratch(ix.maxLen)
	for i := range ix.names {
		n := &ix.names[i]
		score := ix.nameScore(s, q, n, ix.floor(best[n.entry].score, top))
		keep(best, candidate{n.entry, i, score})
		top = max(top, score)
	}
	return ix.rank(best)
}

// floor is the score a name must reach to matter: a near miss, better than
// its entry's best so far, and, once some entry passes minConfidence, within
// the margin of the top (with slack for rounding).
func (ix *Index) floor(entryBest, top float64) float64 {
	f := max(nearMiss, entryBest)
	if top >= minConfidence {
		f = max(f, top-margin-0.002)
	}
	return f
}

// keep records c if it beats the entry's best so far.
func keep(best []candidate, c candidate) {
	if c.score > best[c.entry].score {
		best[c.entry] = c
	}
}

// nameScore is the best of q against the whole name and against runs of the
// name with as many tokens as q. Scores not above floor may come back as 0.
func (ix *Index) nameScore(s *scratch, q *form, n *indexedName, floor float64) float64 {
	score := s.similarity(q, &n.form, floor)
	for i := range n.runs {
		r := &n.runs[i]
		w := runWeight(r.ntok, n.form.ntok)
		if r.ntok != q.ntok || w < max(floor, score) {
			continue
		}
		score = max(score, w*s.similarity(q, r, max(floor, score)/w))
	}
	return score
}

// containedScores credits entries with a whole name that appears as a run of
// the query's tokens ("General Hammouchi"), and returns the best such score.
func (ix *Index) containedScores(q *form, best []candidate) float64 {
	top := 0.0
	toks := strings.Split(q.norm, " ")
	for k := 1; k < len(toks) && k <= ix.maxTok; k++ {
		w := runWeight(k, len(toks))
		for i := 0; i+k <= len(toks); i++ {
			for _, h := range ix.exact[strings.Join(toks[i:i+k], " ")] {
				keep(best, candidate{h.entry, h.name, w})
				top = max(top, w)
			}
		}
	}
	return top
}

// rank rounds scores, drops those under nearMiss and sorts best first, ties
// by kind and key.
func (ix *Index) rank(best []candidate) []candidate {
	var out []candidate
	for _, c := range best {
		c.score = math.Round(c.score*1000) / 1000
		if c.score >= nearMiss {
			out = append(out, c)
		}
	}
	slices.SortFunc(out, func(a, b candidate) int {
		ea, eb := &ix.entries[a.entry], &ix.entries[b.entry]
		return cmp.Or(cmp.Compare(b.score, a.score), cmp.Compare(ea.Kind, eb.Kind), cmp.Compare(ea.Key, eb.Key), cmp.Compare(a.entry, b.entry))
	})
	return out
}
