package server

import (
	"cmp"
	"context"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"bilat"
	"bilat/demo"
)

// who is a set of the identities the role tests play: nobody signed in,
// the liaisons of Norway (A) and Ethiopia (B), a viewer, the Director
// General as principal, a desk officer and an administrator.
type who uint8

const (
	wAnon who = 1 << iota
	wLiaisonA
	wLiaisonB
	wViewer
	wPrincipal
	wDesk
	wAdmin

	wStaff    = wDesk | wAdmin
	wLiaisons = wLiaisonA | wLiaisonB
	wSigned   = wLiaisons | wViewer | wPrincipal | wStaff
	wAll      = wAnon | wSigned
)

// rolesWho are the identities in the order the tests try them, with the
// site's user names (see site).
var rolesWho = []struct {
	w    who
	name string
}{
	{wAnon, "anonymous"}, {wLiaisonA, "liaisonA"}, {wLiaisonB, "liaisonB"}, {wViewer, "viewer"},
	{wPrincipal, "principal"}, {wDesk, "desk"}, {wAdmin, "admin"},
}

// rolesWorld is what the role tests know of the demo: the records whose
// ids fill the routes' wildcards and the names that must or must not
// appear to each identity.
type rolesWorld struct {
	s *site
	// dg is the Director General's principal record; dgMeeting one of
	// their meetings and otherMeeting one of another principal's in which
	// the DG does not take part.
	dg           *bilat.Principal
	dgMeeting    *bilat.Meeting
	otherMeeting *bilat.Meeting
	// dgCounterpart and otherCounterpart are the English names of the
	// two meetings' counterparts.
	dgCounterpart, otherCounterpart string
	ids                             map[string]int64 // wildcard {id} by the path's segment before it
	tokens                          map[string]string
	topic                           string // a topic's code for {code}
	day                             string // the day of dgMeeting, YYYY-MM-DD
}

// newRolesWorld reads the demo for the role tests.
func newRolesWorld(t *testing.T, s *site) *rolesWorld {
	t.Helper()
	ctx := context.Background()
	w := &rolesWorld{s: s, ids: map[string]int64{}, tokens: map[string]string{}}
	ps, _, err := s.db.ListPrincipals(ctx, bilat.EventPart{EventID: s.event.ID})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		if p.PersonID == s.users["principal"].PersonID {
			w.dg = p
		}
	}
	if w.dg == nil {
		t.Fatal("the principal user is no principal of the demo")
	}
	// Every meeting of the demo is the Director General's: a deputy meets
	// one delegation that the Director General does not.
	for _, p := range ps {
		if p.DeputyOf == w.dg.ID {
			w.deputyMeeting(t, p)
			break
		}
	}
	meetings, err := all(ctx, func(ctx context.Context, p bilat.Page) ([]*bilat.Meeting, int, error) {
		return s.db.ListMeetings(ctx, bilat.MeetingFilter{EventID: s.event.ID, Page: p})
	})
	if err != nil {
		t.Fatal(err)
	}
	dgPartners := map[string]bool{}
	for _, m := range meetings {
		if m.PrincipalID == w.dg.ID {
			if w.dgMeeting == nil || m.Start.Before(w.dgMeeting.Start) {
				w.dgMeeting = m
			}
			dgPartners[w.counterpart(t, m)] = true
		}
	}
	for _, m := range meetings {
		if c := w.counterpart(t, m); !dgPartners[c] && !slices.Contains(m.Participants, w.dg.PersonID) {
			w.otherMeeting, w.otherCounterpart = m, c
		}
	}
	if w.dgMeeting == nil || w.otherMeeting == nil {
		t.Fatal("the demo needs a meeting of the Director General and one of another principal")
	}
	w.dgCounterpart = w.counterpart(t, w.dgMeeting)
	zone, _ := s.event.Location()
	w.day = w.dgMeeting.Start.In(zone).Format(bilat.DateLayout)
	w.fillIDs(t)
	for _, r := range rolesWho[1:] {
		secret, err := s.db.CreateToken(ctx, bilat.LocalActor, &bilat.Token{UserID: s.users[r.name].ID, Name: "roles", Scope: bilat.ScopeWrite})
		if err != nil {
			t.Fatal(err)
		}
		w.tokens[r.name] = secret
	}
	return w
}

// deputyMeeting schedules an accepted request of the demo with a deputy,
// on the event's last morning, in the first room that is free then.
func (w *rolesWorld) deputyMeeting(t *testing.T, deputy *bilat.Principal) {
	t.Helper()
	ctx := context.Background()
	s := w.s
	req, err := head(s.db.ListRequests(ctx, bilat.RequestFilter{EventID: s.event.ID, Status: bilat.StatusAccepted, Page: bilat.Page{Limit: 1}}))
	if err != nil {
		t.Fatal(err)
	}
	rooms, _, err := s.db.ListRooms(ctx, bilat.EventPart{EventID: s.event.ID})
	if err != nil {
		t.Fatal(err)
	}
	zone, _ := s.event.Location()
	day, _ := bilat.ParseDate(s.event.LastDay)
	start := time.Date(day.Year(), day.Month(), day.Day(), 8, 0, 0, 0, zone)
	for _, room := range rooms {
		_, err = s.db.TransitionRequest(ctx, bilat.LocalActor, req.ID, bilat.Transition{To: bilat.StatusScheduled,
			Version: req.Version, Start: &start, RoomID: room.ID, PrincipalID: deputy.ID})
		if err == nil {
			return
		}
	}
	t.Fatalf("scheduling request %d with a deputy: %v", req.ID, err)
}

// counterpart is the English name of a meeting's counterpart.
func (w *rolesWorld) counterpart(t *testing.T, m *bilat.Meeting) string {
	t.Helper()
	ctx := context.Background()
	req, err := w.s.db.Request(ctx, m.RequestID)
	if err != nil {
		t.Fatal(err)
	}
	d, err := w.s.db.Delegation(ctx, req.DelegationID)
	if err != nil {
		t.Fatal(err)
	}
	p, err := w.s.db.Partner(ctx, d.PartnerID)
	if err != nil {
		t.Fatal(err)
	}
	return p.NameEN
}

// fillIDs picks a real record of each kind for the {id} wildcards.
func (w *rolesWorld) fillIDs(t *testing.T) {
	t.Helper()
	ctx := context.Background()
	s, e := w.s, w.s.event.ID
	req, err := s.db.Request(ctx, w.dgMeeting.RequestID)
	if err != nil {
		t.Fatal(err)
	}
	part := bilat.EventPart{EventID: e, Page: bilat.Page{Limit: 1}}
	venue, err1 := head(s.db.ListVenues(ctx, part))
	room, err2 := head(s.db.ListRooms(ctx, part))
	session, err3 := head(s.db.ListSessions(ctx, part))
	action := &bilat.Action{MeetingID: w.dgMeeting.ID, Description: "Exchange contact points", OwnerName: "Desk", Status: bilat.ActionOpen}
	err4 := s.db.CreateAction(ctx, bilat.LocalActor, action)
	agreement, err5 := head(s.db.ListAgreements(ctx, bilat.AgreementFilter{EventID: e, Page: bilat.Page{Limit: 1}}))
	topics, err6 := s.db.ListTopics(ctx)
	if err := cmp.Or(err1, err2, err3, err4, err5, err6); err != nil || len(topics) == 0 {
		t.Fatalf("the demo's records: %v", err)
	}
	w.topic = topics[0].Code
	w.ids["venues"], w.ids["rooms"], w.ids["sessions"] = venue.ID, room.ID, session.ID
	w.ids["actions"], w.ids["agreements"] = action.ID, agreement.ID
	w.ids["meetings"], w.ids["requests"], w.ids["principals"] = w.dgMeeting.ID, req.ID, w.dg.ID
	w.ids["people"], w.ids["delegations"] = w.dg.PersonID, s.users["liaisonA"].DelegationID
	w.ids["users"], w.ids["tokens"], w.ids["unavailability"] = s.users["viewer"].ID, 1, 1
}

// head is the first record of a list; a list without one fails the
// test through the nil record.
func head[T any](xs []*T, _ int, err error) (*T, error) {
	if err != nil || len(xs) == 0 {
		return nil, cmp.Or[error](err, bilat.Errorf(bilat.ENOTFOUND, "an empty list"))
	}
	return xs[0], nil
}

// path fills a route pattern's wildcards with the demo's records.
func (w *rolesWorld) path(t *testing.T, pattern string) string {
	t.Helper()
	segs := strings.Split(strings.TrimSuffix(pattern, "{$}"), "/")
	for i, seg := range segs {
		switch seg {
		case "{event}":
			segs[i] = w.s.event.Slug
		case "{token}":
			segs[i] = "1"
		case "{partner}":
			segs[i] = "NO"
		case "{code}":
			segs[i] = w.topic
		case "{slug}":
			segs[i] = demo.SchemeSlug
		case "{secret}":
			segs[i] = "no-such-invitation-secret"
		case "{id}":
			id := w.ids[segs[i-1]]
			if id == 0 {
				t.Fatalf("no record to fill %s: add one to rolesWorld.fillIDs", pattern)
			}
			segs[i] = strconv.FormatInt(id, 10)
		default:
			if strings.HasPrefix(seg, "{") {
				t.Fatalf("no value for the wildcard %s of %s", seg, pattern)
			}
		}
	}
	return strings.Join(segs, "/")
}

// rolesCall makes one request as an identity: a page with its session,
// the API with its token (none for anonymous). POSTs come from the site's
// own pages, so that only the roles, not forgery protection, refuse them.
func (w *rolesWorld) call(t *testing.T, name, method, path string, isAPI bool) (int, string, string) {
	t.Helper()
	var body io.Reader
	if method != "GET" {
		body = strings.NewReader("{}")
		if !isAPI {
			body = strings.NewReader(url.Values{"x": {"1"}}.Encode())
		}
	}
	req, err := http.NewRequest(method, w.s.srv.URL+path, body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	c := w.s.as("anonymous")
	if isAPI {
		req.Header.Set("Content-Type", "application/json")
		if tok := w.tokens[name]; tok != "" {
			req.Header.Set("Authorization", "Bearer "+tok)
		}
	} else {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		c = w.s.as(name)
	}
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, res.Header.Get("Location"), string(b)
}
