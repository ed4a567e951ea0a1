package server

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"

	"bilat"
	"bilat/ical/icaltest"
)

// feedsMake makes a feed as a user through the feeds page and returns the
// path of its address, read from the page that shows it once.
func (s *site) feedsMake(name string, form url.Values) string {
	s.t.Helper()
	res, body := s.portalDo(name, "POST", "/feeds", form)
	if res.StatusCode != http.StatusCreated {
		s.t.Fatalf("making a feed as %s: status %d\n%.2000s", name, res.StatusCode, body)
	}
	addr := strings.TrimSpace(portalDoc(s.t, body).Find("#feed-url").Text())
	u, err := url.Parse(addr)
	if err != nil || !strings.HasPrefix(u.Path, "/feeds/feed_") || !strings.HasSuffix(u.Path, ".ics") {
		s.t.Fatalf("the new feed's address %q", addr)
	}
	return u.RequestURI()
}

// feedsFetch fetches a feed as a calendar application does: no session,
// no cookie, nothing but the address.
func (s *site) feedsFetch(path string) (int, string) {
	s.t.Helper()
	res, b := s.fetch(http.DefaultClient, "GET", path, nil)
	if res.StatusCode == http.StatusOK && !strings.HasPrefix(res.Header.Get("Content-Type"), "text/calendar") {
		s.t.Errorf("GET %s: Content-Type %q", path, res.Header.Get("Content-Type"))
	}
	return res.StatusCode, string(b)
}

// feedsCalendar fetches a feed, checks the file with our parser and its
// line ends, and returns it as python3-icalendar reads it.
func (s *site) feedsCalendar(path string) *feedsParsed {
	s.t.Helper()
	status, body := s.feedsFetch(path)
	if status != http.StatusOK {
		s.t.Fatalf("GET %s: %d %.300s", path, status, body)
	}
	if strings.Count(body, "\n") != strings.Count(body, "\r\n") || !strings.HasSuffix(body, "END:VCALENDAR\r\n") {
		s.t.Error("the lines do not all end in CRLF")
	}
	if _, err := ics.ParseCalendar(strings.NewReader(body)); err != nil {
		s.t.Fatalf("golang-ical refuses the feed: %v", err)
	}
	out := &feedsParsed{Body: body}
	icaltest.Python(s.t, []byte(body), `
out = {"tzids": [str(z["TZID"]) for z in cal.walk("VTIMEZONE")], "events": {}}
for ev in cal.walk("VEVENT"):
    start = ev.get("DTSTART")
    out["events"][str(ev["UID"])] = {
        "sequence": int(ev.get("SEQUENCE", -1)), "status": str(ev.get("STATUS", "")),
        "start": ev.decoded("DTSTART").isoformat(), "end": ev.decoded("DTEND").isoformat(),
        "tzid": str(start.params.get("TZID", "")), "summary": str(ev.get("SUMMARY", "")),
        "description": str(ev.get("DESCRIPTION", "")), "location": str(ev.get("LOCATION", "")),
        "transp": str(ev.get("TRANSP", ""))}
print(json.dumps(out))
`, out)
	return out
}

// feedsParsed is a feed as python3-icalendar reads it.
type feedsParsed struct {
	Body   string
	TZIDs  []string               `json:"tzids"`
	Events map[string]feedsVEvent `json:"events"`
}

type feedsVEvent struct {
	Sequence    int    `json:"sequence"`
	Status      string `json:"status"`
	Start       string `json:"start"`
	End         string `json:"end"`
	TZID        string `json:"tzid"`
	Summary     string `json:"summary"`
	Description string `json:"description"`
	Location    string `json:"location"`
	Transp      string `json:"transp"`
}

// meetings are the calendar's events of meetings (not programme
// sessions), by UID.
func (p *feedsParsed) meetings() map[string]feedsVEvent {
	out := map[string]feedsVEvent{}
	for uid, e := range p.Events {
		if strings.HasPrefix(uid, "meeting-") {
			out[uid] = e
		}
	}
	return out
}

// feedsSchedule schedules one of the demo's accepted requests at the
// first free hour and room, and returns its meeting.
func (s *site) feedsSchedule() *bilat.Meeting {
	s.t.Helper()
	ctx := context.Background()
	reqs, _, err := s.db.ListRequests(ctx, bilat.RequestFilter{EventID: s.event.ID, Status: bilat.StatusAccepted, Page: bilat.Page{Limit: 1}})
	if err != nil || len(reqs) == 0 {
		s.t.Fatalf("an accepted request of the demo: %v", err)
	}
	req := reqs[0]
	rooms, _, err := s.db.ListRooms(ctx, bilat.EventPart{EventID: s.event.ID})
	if err != nil {
		s.t.Fatal(err)
	}
	zone, _ := s.event.Location()
	day, _ := bilat.ParseDate(s.event.FirstDay)
	for d := 0; d < 4; d++ {
		for hour := 7; hour < 20; hour++ {
			start := time.Date(day.Year(), day.Month(), day.Day()+d, hour, 0, 0, 0, zone)
			for _, room := range rooms {
				out, err := s.db.TransitionRequest(ctx, bilat.LocalActor, req.ID, bilat.Transition{To: bilat.StatusScheduled,
					Version: req.Version, Start: &start, RoomID: room.ID, PrincipalID: req.Targets[0].PrincipalID})
				if err == nil {
					ms, _, err := s.db.ListMeetings(ctx, bilat.MeetingFilter{EventID: s.event.ID, DelegationID: out.DelegationID, PrincipalID: req.Targets[0].PrincipalID})
					for _, m := range ms {
						if m.RequestID == req.ID {
							return m
						}
					}
					s.t.Fatalf("the scheduled meeting of request %d: %v", req.ID, err)
				}
			}
		}
	}
	s.t.Fatalf("no free slot for request %d", req.ID)
	return nil
}

// feedsMove moves a meeting by whole hours until it fits.
func (s *site) feedsMove(m *bilat.Meeting) *bilat.Meeting {
	s.t.Helper()
	ctx := context.Background()
	for _, h := range []int{1, 2, 3, -1, -2, 4, 5, 6} {
		cur, err := s.db.Meeting(ctx, m.ID)
		if err != nil {
			s.t.Fatal(err)
		}
		moved := *cur
		moved.Start, moved.End = cur.Start.Add(time.Duration(h)*time.Hour), cur.End.Add(time.Duration(h)*time.Hour)
		if err := s.db.UpdateMeeting(ctx, bilat.LocalActor, &moved); err == nil {
			got, err := s.db.Meeting(ctx, m.ID)
			if err != nil {
				s.t.Fatal(err)
			}
			return got
		}
	}
	s.t.Fatalf("meeting %d could not be moved", m.ID)
	return nil
}

// A principal's feed, made by the desk, follows a meeting as it is
// scheduled, moved and cancelled: the same UID each time, a SEQUENCE that
// grows, the new time, and at last STATUS:CANCELLED instead of vanishing.
// Times are the event's local times with its TZID and VTIMEZONE; both
// golang-ical and python3-icalendar read every version.
func TestFeedsFollowAMovedThenCancelledMeeting(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	m := s.feedsSchedule()
	path := s.feedsMake("desk", url.Values{"event": {s.event.Slug}, "subject": {"principal:" + itoa(m.PrincipalID)}, "name": {"DG's phone"}})
	zone, _ := s.event.Location()
	uid := "meeting-" + itoa(m.ID) + "@bilat"
	check := func(stage string, m *bilat.Meeting, status string) int {
		t.Helper()
		cal := s.feedsCalendar(path)
		if len(cal.TZIDs) != 1 || cal.TZIDs[0] != s.event.Timezone {
			t.Errorf("%s: VTIMEZONE %v, want %s", stage, cal.TZIDs, s.event.Timezone)
		}
		e, ok := cal.Events[uid]
		if !ok {
			t.Fatalf("%s: the feed has no %s", stage, uid)
		}
		wantStart := m.Start.In(zone).Format("2006-01-02T15:04:05-07:00")
		if e.Start != wantStart || e.TZID != s.event.Timezone || e.Status != status {
			t.Errorf("%s: %+v, want start %s, status %s", stage, e, wantStart, status)
		}
		return e.Sequence
	}
	first := check("scheduled", m, "CONFIRMED")
	again := s.feedsCalendar(path)
	if _, ok := again.Events[uid]; !ok || len(again.Events) != len(s.feedsCalendar(path).Events) {
		t.Error("the UIDs change between fetches")
	}
	moved := s.feedsMove(m)
	second := check("moved", moved, "CONFIRMED")
	req, err := s.db.Request(ctx, m.RequestID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.TransitionRequest(ctx, bilat.LocalActor, req.ID, bilat.Transition{To: bilat.StatusCancelled, Version: req.Version}); err != nil {
		t.Fatal(err)
	}
	third := check("cancelled", moved, "CANCELLED")
	if !(first < second && second < third) {
		t.Errorf("SEQUENCE %d, %d, %d: it must grow with every change", first, second, third)
	}
}

// Each feed holds its subject's meetings and nothing else: a principal's
// only theirs (with the sessions they attend as busy time), a
// delegation's nothing of another delegation in any language, a room's
// only that room's. The briefing shows in the desk's principal feed but
// never in a delegation's; restricted notes in none.
func TestFeedsHoldOnlyTheirSubject(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	no := s.delegationOf("NO")
	noMeetings, _, err := s.db.ListMeetings(ctx, bilat.MeetingFilter{EventID: s.event.ID, DelegationID: no.ID})
	if err != nil || len(noMeetings) == 0 {
		t.Fatalf("Norway's meetings: %v", err)
	}
	m := noMeetings[0]
	m.Briefing = "BRIEFING-FOR-THE-DG"
	if err := s.db.UpdateMeeting(ctx, bilat.LocalActor, m); err != nil {
		t.Fatal(err)
	}
	req, err := s.db.Request(ctx, m.RequestID)
	if err != nil {
		t.Fatal(err)
	}
	req.Notes, req.NotesRestricted = "RESTRICTED-NOTE-OF-NORWAY", true
	if err := s.db.UpdateRequest(ctx, bilat.LocalActor, req); err != nil {
		t.Fatal(err)
	}

	want := func(f bilat.MeetingFilter) map[string]bool {
		f.EventID = s.event.ID
		ms, _, err := s.db.ListMeetings(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]bool{}
		for _, m := range ms {
			out["meeting-"+itoa(m.ID)+"@bilat"] = true
		}
		return out
	}
	same := func(name string, got map[string]feedsVEvent, want map[string]bool) {
		t.Helper()
		if len(got) != len(want) || len(want) == 0 {
			t.Errorf("%s: %d meetings, want %d", name, len(got), len(want))
		}
		for uid := range got {
			if !want[uid] {
				t.Errorf("%s: shows %s, not its own", name, uid)
			}
		}
	}

	principalFeed := s.feedsCalendar(s.feedsMake("desk", url.Values{"event": {s.event.Slug}, "subject": {"principal:" + itoa(m.PrincipalID)}}))
	same("the principal's feed", principalFeed.meetings(), want(bilat.MeetingFilter{PrincipalID: m.PrincipalID}))
	if !strings.Contains(principalFeed.Events["meeting-"+itoa(m.ID)+"@bilat"].Description, "BRIEFING-FOR-THE-DG") {
		t.Error("the desk's principal feed lacks the briefing")
	}
	busy := 0
	for uid, e := range principalFeed.Events {
		if strings.HasPrefix(uid, "session-") {
			busy++
			if e.Transp != "OPAQUE" || e.Status != "CONFIRMED" {
				t.Errorf("session %s: %+v", uid, e)
			}
		}
	}
	if busy == 0 {
		t.Error("the principal's feed shows none of the programme's sessions")
	}

	delegationFeed := s.feedsCalendar(s.feedsMake("desk", url.Values{"event": {s.event.Slug}, "subject": {"delegation:" + itoa(no.ID)}, "language": {"fr"}}))
	same("Norway's feed", delegationFeed.meetings(), want(bilat.MeetingFilter{DelegationID: no.ID}))
	for _, name := range s.otherNames(no.ID) {
		if name != "" && strings.Contains(delegationFeed.Body, name) {
			t.Errorf("Norway's feed names %q", name)
		}
	}
	if strings.Contains(delegationFeed.Body, "BRIEFING") || !strings.Contains(delegationFeed.Body, "Norvège") {
		t.Error("Norway's feed shows the briefing, or is not in French")
	}

	roomFeed := s.feedsCalendar(s.feedsMake("desk", url.Values{"event": {s.event.Slug}, "subject": {"room:" + itoa(m.RoomID)}}))
	same("the room's feed", roomFeed.meetings(), want(bilat.MeetingFilter{RoomID: m.RoomID}))

	for name, cal := range map[string]*feedsParsed{"principal": principalFeed, "delegation": delegationFeed, "room": roomFeed} {
		if strings.Contains(cal.Body, "RESTRICTED-NOTE") {
			t.Errorf("the %s feed shows a restricted note", name)
		}
	}
}

// "My feed": a liaison's follows their delegation, a principal's their
// own meetings. Each sees and revokes only their own feeds; another's
// revocation is 404 and changes nothing; asking for someone else's feed
// is refused. A revoked secret then answers exactly as an unknown one.
func TestFeedsOwnFeedsAndRevocation(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	no, et := s.delegationOf("NO"), s.delegationOf("ET")

	for who, page := range map[string]string{"liaisonA": "/portal", "principal": "/me"} {
		if _, body := s.portalDo(who, "GET", page, nil); portalDoc(t, body).Find(`a[href^="/feeds"]`).Length() == 0 {
			t.Errorf("%s of %s has no link to subscribe", page, who)
		}
	}
	liaisonPath := s.feedsMake("liaisonA", url.Values{"name": {"my phone"}})
	cal := s.feedsCalendar(liaisonPath)
	noMeetings, _, _ := s.db.ListMeetings(ctx, bilat.MeetingFilter{EventID: s.event.ID, DelegationID: no.ID})
	if len(cal.meetings()) != len(noMeetings) || len(noMeetings) == 0 {
		t.Errorf("liaison A's feed: %d meetings, Norway has %d", len(cal.meetings()), len(noMeetings))
	}
	for _, name := range s.otherNames(no.ID) {
		if name != "" && strings.Contains(cal.Body, name) {
			t.Errorf("liaison A's feed names %q", name)
		}
	}

	principalPath := s.feedsMake("principal", url.Values{"event": {s.event.Slug}})
	dg := s.feedsCalendar(principalPath).meetings()
	for uid := range dg {
		id, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimPrefix(uid, "meeting-"), "@bilat"), 10, 64)
		m, err := s.db.Meeting(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		p, err := s.db.Principal(ctx, m.PrincipalID)
		if err != nil || p.PersonID != s.users["principal"].PersonID {
			t.Errorf("the principal's own feed shows meeting %d of principal %d", id, m.PrincipalID)
		}
	}
	if len(dg) == 0 {
		t.Error("the principal's own feed is empty")
	}

	s.as("liaisonB") // signing in is audited: before the count
	before := s.auditCount()
	if res, _ := s.portalDo("liaisonA", "POST", "/feeds", url.Values{"subject": {"delegation:" + itoa(et.ID)}}); res.StatusCode != http.StatusForbidden {
		t.Errorf("liaison A asking for Ethiopia's feed: %d", res.StatusCode)
	}
	if res, _ := s.portalDo("principal", "POST", "/feeds", url.Values{"subject": {"user:" + itoa(s.users["desk"].ID)}}); res.StatusCode != http.StatusForbidden {
		t.Errorf("the principal asking for the desk's feed: %d", res.StatusCode)
	}
	feeds, err := s.db.ListFeeds(ctx, bilat.FeedFilter{UserID: s.users["liaisonA"].ID})
	if err != nil || len(feeds) != 1 {
		t.Fatalf("liaison A's feeds: %v %v", feeds, err)
	}
	revoke := "/feeds/" + itoa(feeds[0].ID) + "/revoke"
	for _, who := range []string{"liaisonB", "principal"} {
		if res, _ := s.portalDo(who, "POST", revoke, url.Values{}); res.StatusCode != http.StatusNotFound {
			t.Errorf("%s revoking liaison A's feed: %d", who, res.StatusCode)
		}
	}
	if after := s.auditCount(); after != before {
		t.Errorf("refused requests added %d audit rows", after-before)
	}
	if st, _ := s.feedsFetch(liaisonPath); st != http.StatusOK {
		t.Errorf("liaison A's feed after the refusals: %d", st)
	}

	_, page := s.portalDo("liaisonB", "GET", "/feeds", nil)
	if portalDoc(t, page).Find("#feeds tbody tr").Length() != 0 || strings.Contains(page, "my phone") {
		t.Error("liaison B's page lists liaison A's feed")
	}
	_, page = s.portalDo("liaisonA", "GET", "/feeds", nil)
	if portalDoc(t, page).Find("#feeds tbody tr").Length() != 1 {
		t.Error("liaison A's page does not list their feed alone")
	}
	doc := s.get("/feeds", "en", http.StatusOK)
	if n := doc.Find("#feeds tbody tr").Length(); n != 2 {
		t.Errorf("the desk's page lists %d feeds, want every one (2)", n)
	}

	if res, _ := s.portalDo("liaisonA", "POST", revoke, url.Values{}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("liaison A revoking their feed: %d", res.StatusCode)
	}
	revokedStatus, revokedBody := s.feedsFetch(liaisonPath)
	unknownStatus, unknownBody := s.feedsFetch("/feeds/feed_" + strings.Repeat("A", 43) + ".ics")
	if revokedStatus != http.StatusNotFound || unknownStatus != http.StatusNotFound {
		t.Errorf("revoked: %d, unknown: %d, want 404 both", revokedStatus, unknownStatus)
	}
	if feedsMessage(t, revokedBody) != feedsMessage(t, unknownBody) {
		t.Error("a revoked feed's answer differs from an unknown one's")
	}
	if st, _ := s.feedsFetch(principalPath); st != http.StatusOK {
		t.Errorf("the principal's feed after liaison A's revocation: %d", st)
	}
}

// feedsMessage is the message of an error page.
func feedsMessage(t *testing.T, body string) string {
	t.Helper()
	return strings.TrimSpace(portalDoc(t, body).Find("main").Text())
}

// Who may use the feeds page: not an anonymous visitor (sent to sign in)
// nor a viewer (403); a cross-site post is refused; a subject that does
// not exist or is missing is told beside the field, and nothing changes.
func TestFeedsRefusals(t *testing.T) {
	s := newSite(t)
	if res, _ := s.portalDo("anonymous", "GET", "/feeds", nil); res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/login") {
		t.Errorf("anonymous: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	for _, method := range []string{"GET", "POST"} {
		var form url.Values
		if method == "POST" {
			form = url.Values{"subject": {"user:" + itoa(s.users["viewer"].ID)}}
		}
		if res, _ := s.portalDo("viewer", method, "/feeds", form); res.StatusCode != http.StatusForbidden {
			t.Errorf("%s /feeds as a viewer: %d", method, res.StatusCode)
		}
	}
	s.as("viewer")
	before := s.auditCount()
	if st := s.crossSitePost("/feeds", url.Values{"event": {s.event.Slug}, "subject": {"room:1"}}); st != http.StatusForbidden {
		t.Errorf("a cross-site post: %d", st)
	}
	for _, subject := range []string{"", "room:999999", "planet:1", "user:" + itoa(s.users["viewer"].ID)} {
		res, doc := s.post("/feeds", url.Values{"event": {s.event.Slug}, "subject": {subject}}, false)
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("subject %q: status %d", subject, res.StatusCode)
			continue
		}
		must(t, doc, "#e-subject")
		if doc.Find("#feed-url").Length() != 0 {
			t.Errorf("subject %q: a feed was made", subject)
		}
	}
	if after := s.auditCount(); after != before {
		t.Errorf("refused requests added %d audit rows", after-before)
	}
	for _, lang := range []string{"fr", "ar"} {
		doc := s.get("/feeds?lang="+lang, lang, http.StatusOK)
		must(t, doc, `select#f-subject optgroup option[value^="principal:"]`)
	}
}
