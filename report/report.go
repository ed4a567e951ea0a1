package report

import (
	"time"

	"bilat"
)

// Report is everything the event's report says, in the three languages'
// neutral form: names are kept per language and chosen by the writers.
type Report struct {
	Event  *bilat.Event
	Scheme *bilat.RegionScheme // the grouping of counterparts by region
	Lang   string              // the language the writers use: en, fr or ar
	Zone   *time.Location      // the event's time zone

	Figures    Figures
	ByRegion   []Group // counterparts met, by region of Scheme, in its order
	ByTopic    []Count // meetings held per topic, most first
	ByDay      []Day   // meetings held per day of the event
	Agreements []Agreement
	// Organisations are the multilateral counterparts met (not countries),
	// listed beside the map.
	Organisations []Name
	// Met are the ISO alpha-2 codes of the countries and territories met,
	// shaded on the map.
	Met []string
}

// Figures are the headline counts, kept apart because they differ: one
// counterpart may have several meetings, one meeting several
// counterparts, and some requests are not held.
type Figures struct {
	Requests     int // requests received
	Accepted     int // of which accepted, scheduled or held
	Held         int // meetings held
	Counterparts int // distinct partners met in held meetings
	Countries    int // of which countries and territories
	// Claimed is a figure stated elsewhere (a press release) to compare
	// with Held; zero when there is none.
	Claimed int
}

// Name is a partner's names in the three languages, with its code.
type Name struct {
	Code       string
	EN, FR, AR string
	Country    bool
}

// In returns the name in lang, English when it has none there.
func (n Name) In(lang string) string {
	switch {
	case lang == "fr" && n.FR != "":
		return n.FR
	case lang == "ar" && n.AR != "":
		return n.AR
	}
	return n.EN
}

// Group is one region of the scheme and the counterparts met in it.
type Group struct {
	Code       string
	EN, FR, AR string // the region's names
	Members    []Name // in the order of the language's names
}

// Count is a labelled number (a topic and its meetings).
type Count struct {
	Code       string
	EN, FR, AR string
	N          int
}

// Day is one day of the event and the meetings held on it.
type Day struct {
	Date time.Time // midnight in the event's zone
	Held int
}

// Agreement is an agreement signed at the event, with its parties.
type Agreement struct {
	Kind       string
	Title      string
	Scope      string
	SignedOn   string
	Parties    []Name
	MeetingID  int64
	TopicCodes []string
}
