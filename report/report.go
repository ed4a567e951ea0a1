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
	Zone   *time.Location      `json:"-"` // the event's time zone
	// Host is the partner that hosts the desk (zero when the event names none).
	Host Name

	Figures Figures
	// ByRegion are the country counterparts by region of Scheme, in its
	// order; countries the scheme does not place come last, in a group
	// whose Code is "" (OtherRegion).
	ByRegion   []Group
	ByTopic    []Count // meetings held per topic, most first
	ByDay      []Day   // meetings held per day of the event
	Agreements []Agreement
	// Organisations are the counterparts that are not countries (they
	// have no region), listed beside the map.
	Organisations []Name
	// Saved is the press summary as the desk edited and saved it; empty,
	// the writers generate it (PressSummary).
	Saved string
	// Met are the ISO alpha-2 codes of the country counterparts (those of
	// ByRegion), shaded on the map.
	Met []string
}

// OtherRegion is the code of the group of countries a scheme does not place.
const OtherRegion = ""

// Figures are the headline counts, kept apart because they differ: one
// counterpart may have several meetings, one meeting several
// counterparts, and some requests are not held.
//
// A counterpart is a partner the host agreed to meet: the requester of a
// request accepted, scheduled or held, or a partner whose person took part
// in a held meeting. That is what a communiqué names; Met says how many of
// them a held meeting is recorded with.
type Figures struct {
	Requests     int // requests received
	Accepted     int // of which accepted, scheduled or held
	Held         int // meetings held
	Counterparts int // distinct counterparts (see above)
	Countries    int // of which countries and territories
	Met          int // counterparts with at least one held meeting
	// NotHeld are counterparts without a held meeting (Counterparts - Met).
	NotHeld int
	// SeveralMeetings counts counterparts met in more than one held
	// meeting; SeveralParties counts held meetings with more than one
	// counterpart. Both explain why Held and Met differ.
	SeveralMeetings int
	SeveralParties  int
	// Claimed is a figure stated elsewhere (a press release) to compare
	// with Held; zero when there is none.
	Claimed int
}

// Name is a partner's names in the three languages, with its code.
type Name struct {
	Code       string
	EN, FR, AR string
	Country    bool
	// Held says whether a held meeting is recorded with this counterpart.
	Held bool
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
// Parties are the partners other than the host.
type Agreement struct {
	Kind       string // one of bilat.AgreementKinds
	Title      string
	Scope      string // as the desk wrote it, in one language
	SignedOn   string // YYYY-MM-DD
	Parties    []Name
	MeetingID  int64
	TopicCodes []string
}

// PressSummary is the press summary the writers print: the saved text
// when the desk edited one, else the generated Summary.
func (r *Report) PressSummary() string {
	if r.Saved != "" {
		return r.Saved
	}
	return Summary(r)
}
