package server

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"bilat"
)

// attackXSS is typed into every free-text field: a script, an image that
// runs code when it fails to load, an attribute breakout and a javascript:
// link. Rendered as it should be, it is text on the page and nothing runs.
const attackXSS = `<script>window.__xss=1</script>"><img src=x onerror="window.__xss=1">javascript:window.__xss=1`

// TestAttackXSSIsInert puts the payload into every free-text field a user
// can type, opens every page that shows them in Chromium as the roles
// that see them, and checks that no script ran, that the payload made no
// element, and that it shows as text.
func TestAttackXSSIsInert(t *testing.T) {
	s := newSite(t)
	w := newRolesWorld(t, s)
	ids := attackXSSFill(t, s, w)
	e := "/events/" + s.event.Slug
	pages := map[string][]string{
		"desk": {"/partners/NO", "/partners/NO/edit", "/directory", "/people/" + ids["person"] + "/edit",
			e + "/?day=" + w.day, e + "/requests", e + "/requests?status=declined", e + "/programme?day=" + w.day,
			e + "/programme?day=" + w.day + "&by=room", e + "/programme?day=" + w.day + "&by=delegation",
			"/meetings/" + itoa(w.dgMeeting.ID), e + "/setup", e + "/print?by=principal&day=" + w.day + "&id=" + itoa(w.dg.ID),
			e + "/print?by=room&day=" + w.day + "&id=" + ids["room"], "/rooms/" + ids["room"] + "/edit",
			"/venues/" + ids["venue"] + "/edit", "/sessions/" + ids["session"] + "/edit",
			"/delegations/" + ids["delegation"] + "/edit", "/audit"},
		"principal": {"/me", "/meetings/" + itoa(w.dgMeeting.ID), e + "/print?day=" + w.day},
		"liaisonA":  {"/portal"},
	}
	for _, name := range []string{"desk", "principal", "liaisonA"} {
		ctx := newBrowser(t)
		s.signIn(t, ctx, name)
		for _, p := range pages[name] {
			attackXSSCheck(t, ctx, s.srv.URL+p, name)
		}
	}
}

// attackXSSCheck opens a page and checks that the payload is inert.
func attackXSSCheck(t *testing.T, ctx context.Context, url, name string) {
	t.Helper()
	do(t, ctx, chromedp.Navigate(url), chromedp.WaitReady(chromedp.CSS(`main#content`)))
	// Give an image's onerror its chance to run: the broken image would
	// fail at once, and htmx's scripts settle by then.
	value(t, ctx, chromedp.Poll[bool](`document.readyState === "complete"`, chromedp.WithPollingTimeout(10*time.Second)))
	where := strings.TrimPrefix(url, "http://") + " as " + name
	ran := value(t, ctx, chromedp.Evaluate[bool](`window.__xss !== undefined`))
	if ran {
		t.Errorf("%s: the payload ran", where)
	}
	made := value(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll('img[onerror], img[src="x"], script:not([src]), a[href^="javascript:" i]').length`))
	if made > 0 {
		t.Errorf("%s: the payload made %d elements", where, made)
	}
	shown := value(t, ctx, chromedp.Evaluate[bool](`(() => {
		const m = "<script>window.__xss=1</script>";
		return document.body.innerText.includes(m) ||
			[...document.querySelectorAll("input, textarea")].some(e => e.value.includes(m));
	})()`))
	if !shown {
		t.Errorf("%s: the payload is not shown as text", where)
	}
}

// attackXSSFill writes the payload into the free-text fields of records
// every page below shows, through the store as any form would, and
// returns the ids of the records the pages name.
func attackXSSFill(t *testing.T, s *site, w *rolesWorld) map[string]string {
	t.Helper()
	ctx := context.Background()
	a := bilat.LocalActor
	check := func(what string, err error) {
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	partner, err := s.db.PartnerByCode(ctx, "NO")
	check("Norway", err)
	partner.Notes, partner.Aliases = attackXSS, append(partner.Aliases, attackXSS)
	check("partner", s.db.UpdatePartner(ctx, a, partner))

	person, err := s.db.Person(ctx, w.dg.PersonID)
	check("the Director General", err)
	person.Name, person.Title, person.Notes = "Hammouchi "+attackXSS, attackXSS, attackXSS
	person.Aliases = append(person.Aliases, attackXSS)
	check("person", s.db.UpdatePerson(ctx, a, person))

	req, err := s.db.Request(ctx, w.dgMeeting.RequestID)
	check("request", err)
	req.Notes = attackXSS
	check("request", s.db.UpdateRequest(ctx, a, req))
	accepted, err := head(s.db.ListRequests(ctx, bilat.RequestFilter{EventID: s.event.ID, Status: bilat.StatusAccepted, Page: bilat.Page{Limit: 1}}))
	check("an accepted request", err)
	declined := *accepted // a new request of the same delegation, to decline
	declined.Record, declined.Status, declined.Notes = bilat.Record{}, bilat.StatusRequested, ""
	check("a new request", s.db.CreateRequest(ctx, a, &declined))
	_, err = s.db.TransitionRequest(ctx, a, declined.ID, bilat.Transition{To: bilat.StatusDeclined, Version: declined.Version, Reason: attackXSS})
	check("decline", err)

	m, err := s.db.Meeting(ctx, w.dgMeeting.ID)
	check("meeting", err)
	m.Briefing, m.Outcome, m.Decisions = attackXSS, attackXSS, []string{attackXSS}
	check("meeting", s.db.UpdateMeeting(ctx, a, m))

	part := bilat.EventPart{EventID: s.event.ID, Page: bilat.Page{Limit: 1}}
	session, err := head(s.db.ListSessions(ctx, part))
	check("session", err)
	session.Title = attackXSS
	check("session", s.db.UpdateSession(ctx, a, session))
	room, err := s.db.Room(ctx, w.dgMeeting.RoomID)
	check("room", err)
	room.Name = "Room " + attackXSS
	check("room", s.db.UpdateRoom(ctx, a, room))
	venue, err := s.db.Venue(ctx, room.VenueID)
	check("venue", err)
	venue.Name = "Venue " + attackXSS
	check("venue", s.db.UpdateVenue(ctx, a, venue))
	del, err := s.db.Delegation(ctx, s.users["liaisonA"].DelegationID)
	check("delegation", err)
	del.Notes = attackXSS
	check("delegation", s.db.UpdateDelegation(ctx, a, del))
	return map[string]string{"person": itoa(person.ID), "room": itoa(room.ID), "venue": itoa(venue.ID),
		"session": itoa(session.ID), "delegation": itoa(del.ID)}
}
