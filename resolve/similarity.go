package resolve

import "strings"

// Weights cap what each kind of inexact evidence can be worth, so that only an
// exact match of a whole name ever reaches 1.0.
const (
	editWeight     = 0.95 // spelling distance on the search key
	phoneticWeight = 0.90 // spelling distance on the phonetic skeleton
	runWeightFull  = 0.95 // a run of tokens covering almost all of a name
	runWeightLoss  = 0.10 // taken off as the run covers less of the name
)

// form is a search key prepared for comparison.
type form struct {
	norm           string
	runes, skel    []rune
	hist, skelHist histogram
	ntok           int
}

// newForm prepares the search key key (already normalised).
func newForm(key string) form {
	f := form{norm: key, runes: []rune(key), skel: []rune(skeleton(key)), ntok: strings.Count(key, " ") + 1}
	f.hist, f.skelHist = newHistogram(f.runes), newHistogram(f.skel)
	return f
}

// skeletonRules collapse transliteration variants (ch/sh/dj/z, ou/w, c/k/q ...).
// Earlier pairs win at the same position.
var skeletonRules = strings.NewReplacer(
	" ", "",
	"tch", "s", "sch", "s", "sh", "s", "ch", "s", "zh", "s", "dj", "s",
	"ph", "f", "th", "t", "dh", "d", "kh", "k", "gh", "g", "ck", "k", "qu", "k",
	"ce", "si", "ci", "si", "cy", "si", "x", "ks",
	"ou", "u", "oo", "u",
)

// skeletonLetter folds single Latin letters after skeletonRules.
func skeletonLetter(r rune) rune {
	switch r {
	case 'j', 'z':
		return 's'
	case 'c', 'q':
		return 'k'
	case 'w', 'o':
		return 'u'
	case 'y', 'e':
		return 'i'
	}
	return r
}

// skeleton returns a loose phonetic spelling of the search key: spaces gone,
// Latin transliteration variants folded, doubled letters collapsed.
func skeleton(key string) string {
	s := strings.Map(skeletonLetter, skeletonRules.Replace(key))
	var b strings.Builder
	var prev rune = -1
	for _, r := range s {
		if r != prev {
			b.WriteRune(r)
		}
		prev = r
	}
	return b.String()
}

// histogram counts runes by their low five bits; two histograms give a cheap
// lower bound on the edit distance of their strings.
type histogram [32]uint8

// newHistogram counts the runes of rs.
func newHistogram(rs []rune) histogram {
	var h histogram
	for _, r := range rs {
		if h[r&31] < 255 {
			h[r&31]++
		}
	}
	return h
}

// bound is a lower bound on the edit distance between the strings of h and o:
// each edit adds or removes at most one rune on either side.
func (h *histogram) bound(o *histogram) int {
	more, fewer := 0, 0
	for i := range h {
		d := int(h[i]) - int(o[i])
		if d > 0 {
			more += d
		} else {
			fewer -= d
		}
	}
	return max(more, fewer)
}

// scratch holds the rows reused by every distance computation of one query.
type scratch struct{ rows [3][]int }

// newScratch returns rows wide enough for strings of up to n runes.
func newScratch(n int) *scratch {
	var s scratch
	for i := range s.rows {
		s.rows[i] = make([]int, n+1)
	}
	return &s
}

// similarity scores query q against key t: 1 when equal, else the better of
// the weighted spelling and skeleton ratios. Scores that cannot reach floor
// come back as 0.
func (s *scratch) similarity(q, t *form, floor float64) float64 {
	if q.norm == t.norm {
		return 1
	}
	best := s.weighted(editWeight, q.runes, t.runes, &q.hist, &t.hist, floor)
	return max(best, s.weighted(phoneticWeight, q.skel, t.skel, &q.skelHist, &t.skelHist, max(floor, best)))
}

// weighted returns w * (1 - distance/longer length) for a and b, or 0 if
// that cannot reach floor. len(b) must fit the scratch rows.
func (s *scratch) weighted(w float64, a, b []rune, ha, hb *histogram, floor float64) float64 {
	n := max(len(a), len(b))
	if n == 0 {
		return w
	}
	limit := int(float64(n)*(1-floor/w) + 1e-9) // largest distance still reaching floor
	if limit < 0 || max(len(a)-len(b), len(b)-len(a)) > limit || ha.bound(hb) > limit {
		return 0
	}
	d := s.distance(a, b, limit)
	if d > limit {
		return 0
	}
	return w * (1 - float64(d)/float64(n))
}

// distance is the Damerau-Levenshtein distance (optimal string alignment)
// between a and b, or some value above limit once it must exceed limit.
func (s *scratch) distance(a, b []rune, limit int) int {
	prev2, prev, cur := s.rows[0][:len(b)+1], s.rows[1][:len(b)+1], s.rows[2][:len(b)+1]
	for j := range prev {
		prev[j] = j
	}
	lastMin := 0
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := i
		for j := 1; j <= len(b); j++ {
			cur[j] = cell(a, b, i, j, prev2, prev, cur)
			rowMin = min(rowMin, cur[j])
		}
		// A row minimum never drops below min(previous row, the one before + 1).
		if rowMin > limit && lastMin >= limit {
			return limit + 1
		}
		lastMin = rowMin
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

// cell is one step of the distance recurrence.
func cell(a, b []rune, i, j int, prev2, prev, cur []int) int {
	cost := 1
	if a[i-1] == b[j-1] {
		cost = 0
	}
	d := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
	if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
		d = min(d, prev2[j-2]+1)
	}
	return d
}

// runWeight is what matching k contiguous tokens out of n is worth at most.
func runWeight(k, n int) float64 {
	return runWeightFull - runWeightLoss*(1-float64(k)/float64(n))
}
