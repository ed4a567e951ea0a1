package plan

import (
	"regexp"
	"strconv"
	"time"

	"bilat"
)

// Mapping ties the identifiers of a problem built from an event to the
// records they stand for, and remembers the state the problem was built
// from, against which a schedule is compared.
type Mapping struct {
	Event *bilat.Event
	// Requests maps a meeting of the problem ("r40") to its request.
	Requests map[string]*bilat.Request
	// Principals maps a meeting to the principal of each of its
	// alternatives, in the alternatives' order.
	Principals map[string][]int64
	// Current maps a scheduled request's id to its meeting.
	Current map[int64]*bilat.Meeting
	// People, Rooms and Venues map problem identifiers to records.
	People map[string]*bilat.Person
	Rooms  map[string]*bilat.Room
	Venues map[string]*bilat.Venue

	loc        *time.Location
	principals map[int64]*bilat.Principal
	world      *world
}

func newMapping(w *world) *Mapping {
	m := &Mapping{
		Event:      w.event,
		Requests:   map[string]*bilat.Request{},
		Principals: map[string][]int64{},
		Current:    w.current(),
		People:     map[string]*bilat.Person{},
		Rooms:      map[string]*bilat.Room{},
		Venues:     map[string]*bilat.Venue{},
		loc:        w.loc,
		principals: byID(w.principals, func(p *bilat.Principal) int64 { return p.ID }),
		world:      w,
	}
	for _, r := range w.rooms {
		m.Rooms[RoomID(r.ID)] = r
	}
	for _, v := range w.venues {
		m.Venues[venueID(v.ID)] = v
	}
	return m
}

// isPrincipal reports whether person id is one of the host's principals.
func (m *Mapping) isPrincipal(id int64) bool {
	for _, p := range m.principals {
		if p.PersonID == id {
			return true
		}
	}
	return false
}

// Delegation returns the name of the partner that made request x.
func (m *Mapping) Delegation(x *bilat.Request) string {
	return m.world.partnerOf(x.DelegationID).NameEN
}

// PrincipalName returns the name of principal id, or "" when unknown.
func (m *Mapping) PrincipalName(id int64) string {
	if p := m.principals[id]; p != nil {
		if person := m.world.people[p.PersonID]; person != nil {
			return person.Name
		}
	}
	return ""
}

// RoomName returns the name of room id, or "" when unknown.
func (m *Mapping) RoomName(id int64) string {
	if r := m.Rooms[RoomID(id)]; r != nil {
		return r.Name
	}
	return ""
}

// versions returns the versions of the requests and meetings read.
func (m *Mapping) versions() (requests, meetings map[int64]int) {
	requests, meetings = map[int64]int{}, map[int64]int{}
	for _, x := range m.Requests {
		requests[x.ID] = x.Version
	}
	for _, cur := range m.Current {
		meetings[cur.ID] = cur.Version
	}
	return requests, meetings
}

// problemIDs matches the identifiers Build gives, longest prefix first.
var problemIDs = regexp.MustCompile(`\b(room|venue|p|r)([0-9]+)\b`)

// Readable rewrites the problem identifiers in an explanation of the
// engine as a person reads them: "p12" becomes the person's name, "r40"
// "the request from Germany", "room3" the room's name. Identifiers it does
// not know are left as they are.
func (m *Mapping) Readable(text string) string {
	return problemIDs.ReplaceAllStringFunc(text, func(id string) string {
		if name := m.name(id); name != "" {
			return name
		}
		return id
	})
}

func (m *Mapping) name(id string) string {
	match := problemIDs.FindStringSubmatch(id)
	n, _ := strconv.ParseInt(match[2], 10, 64)
	switch match[1] {
	case "p":
		if p := m.People[id]; p != nil {
			return p.Name
		}
	case "r":
		if x := m.world.requests[n]; x != nil && m.Delegation(x) != "" {
			return "the request from " + m.Delegation(x)
		}
		return "request " + match[2]
	case "room":
		if r := m.Rooms[id]; r != nil {
			return r.Name
		}
	case "venue":
		if v := m.Venues[id]; v != nil {
			return v.Name
		}
	}
	return ""
}
