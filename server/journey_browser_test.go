package server

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"bilat"
)

// The desk's journey in a real browser, once in English and once in
// Arabic, each on a fresh copy of the demo: a request arrives through the
// staff's form, is accepted in the inbox, placed by the scheduler, moved by
// hand (and a conflicting move is refused, with the reason), and held
// with an outcome. In Arabic each page is right to left and the timeline
// is mirrored. Screenshots journey-<lang>-<step> are left for review.
func TestBrowserJourney(t *testing.T) {
	for _, lang := range []string{"en", "ar"} {
		t.Run(lang, func(t *testing.T) { journey(t, lang) })
	}
}

// journeyTexts is what the officer types, in the journey's language.
var journeyTexts = map[string]struct{ outcome, decision string }{
	"en": {"Agreed to open a liaison channel on cybercrime.", "Exchange liaison officers by March"},
	"ar": {"اتفق الطرفان على فتح قناة اتصال بشأن الجرائم الإلكترونية.", "تبادل ضباط الاتصال قبل شهر مارس"},
}

func journey(t *testing.T, lang string) {
	s := newSite(t)
	zone, err := s.event.Location()
	if err != nil {
		t.Fatal(err)
	}
	d := journeyDelegation(t, s)
	dg := journeyPrincipal(t, s)
	ctx := s.browser(t)
	shot := func(step string) { screenshot(t, ctx, "journey-"+lang+"-"+step) }
	base := s.srv.URL + "/events/" + s.event.Slug

	// 1. A request arrives: the staff type it in the new-request form.
	do(t, ctx, chromedp.Navigate(base+"/requests/new?lang="+lang), chromedp.WaitVisible(chromedp.CSS(`form.inbox-new`)))
	journeyLayout(t, ctx, lang, "new request")
	do(t, ctx,
		chromedp.SetValue(chromedp.CSS(`#f-delegation_id`), strconv.FormatInt(d.ID, 10)),
		chromedp.SetValue(chromedp.CSS(`#f-target1`), strconv.FormatInt(dg.ID, 10)),
		chromedp.Click(chromedp.CSS(`form.inbox-new .inbox-topics input[name="topics"]`)),
		chromedp.SetValue(chromedp.CSS(`#f-duration_min`), "30"),
		// The Director General's days are full: only the highest
		// priority outweighs the requests already waiting.
		chromedp.SetValue(chromedp.CSS(`#f-priority`), "5"),
		chromedp.SendKeys(chromedp.CSS(`#f-notes`), "Arrived by e-mail."),
	)
	shot("1-request")
	do(t, ctx, chromedp.Click(chromedp.CSS(`form.inbox-new button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(`form.inbox-filters`)))
	journeyLayout(t, ctx, lang, "inbox after the new request")
	x := journeyRequestOf(t, s, d.ID)
	if x.Status != bilat.StatusRequested || x.DurationMin != 30 || x.Priority != 5 || len(x.Targets) != 1 || x.Targets[0].PrincipalID != dg.ID {
		t.Fatalf("stored request: status %s, %d min, priority %d, targets %+v", x.Status, x.DurationMin, x.Priority, x.Targets)
	}
	if msg := value(t, ctx, chromedp.Text(chromedp.CSS(`#inbox-status`))); strings.TrimSpace(msg) == "" {
		t.Error("no message says the request was created")
	}
	shot("1-created")

	// 2. It is accepted in place: filter the inbox to requests waiting,
	// accept the row; htmx swaps the row without loading the page again.
	row := fmt.Sprintf(`tr#request-%d`, x.ID)
	do(t, ctx,
		chromedp.SetValue(chromedp.CSS(`#f-status`), string(bilat.StatusRequested)),
		chromedp.Click(chromedp.CSS(`form.inbox-filters button[type="submit"]`)),
		chromedp.WaitReady(chromedp.CSS(`#f-status option[value="requested"][selected]`)),
		chromedp.WaitVisible(chromedp.CSS(row)),
	)
	journeyLayout(t, ctx, lang, "inbox filtered")
	if loc := value(t, ctx, chromedp.Location()); !strings.Contains(loc, "status=requested") {
		t.Errorf("the filtered inbox is at %s", loc)
	}
	if other := value(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll('tr.inbox-row:not([data-status="requested"])').length`)); other != 0 {
		t.Errorf("the inbox filtered to requested shows %d rows of another status", other)
	}
	partner := strings.TrimSpace(value(t, ctx, chromedp.Text(chromedp.CSS(row+` th[scope="row"] a`))))
	if partner == "" {
		t.Fatal("the new request's row names no counterpart")
	}
	journeyWait(t, ctx, `typeof htmx !== "undefined"`)
	value(t, ctx, chromedp.Evaluate[bool](`window.journeyMark = true`))
	do(t, ctx, chromedp.Click(chromedp.CSS(row+` button[data-inbox="accept"]`)))
	journeyWait(t, ctx, `!!document.querySelector('`+row+`[data-status="accepted"]') && !document.querySelector(".htmx-request, .htmx-swapping, .htmx-settling")`)
	if !value(t, ctx, chromedp.Evaluate[bool](`window.journeyMark === true`)) {
		t.Error("accepting loaded the whole page again")
	}
	if n := value(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll('`+row+` .badge.accepted').length`)); n != 1 {
		t.Error("the row does not show the accepted badge")
	}
	if st := inboxStored(t, s, x.ID).Status; st != bilat.StatusAccepted {
		t.Fatalf("after accepting, the store has the request %s", st)
	}
	shot("2-accepted")

	// 3. It is placed by the scheduler: propose, review, apply.
	do(t, ctx, chromedp.Navigate(base+"/programme?lang="+lang), chromedp.WaitVisible(chromedp.CSS(`form.prog-propose`)))
	journeyLayout(t, ctx, lang, "programme")
	do(t, ctx, chromedp.Click(chromedp.CSS(`form.prog-propose button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(`section.prog-proposal form.prog-apply`)))
	journeyLayout(t, ctx, lang, "proposal")
	proposed := value(t, ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('table.prog-new tbody th[scope="row"]'), th => th.textContent.trim())`))
	listed := false
	for _, name := range proposed {
		listed = listed || name == partner
	}
	if !listed {
		t.Errorf("the proposal's new meetings %q do not list %q", proposed, partner)
	}
	shot("3-proposal")
	do(t, ctx, chromedp.Click(chromedp.CSS(`form.prog-apply button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#programme .prog-grid`)))
	journeyLayout(t, ctx, lang, "programme after apply")
	if loc := value(t, ctx, chromedp.Location()); !strings.Contains(loc, "done=applied") {
		t.Errorf("after applying the browser is at %s", loc)
	}
	do(t, ctx, chromedp.WaitVisible(chromedp.CSS(`#programme > [role="status"]`)))
	shot("3-applied")
	if st := inboxStored(t, s, x.ID).Status; st != bilat.StatusScheduled {
		t.Fatalf("after applying, the store has the request %s", st)
	}
	m := journeyMeetingOf(t, s, x)
	if m.Status != bilat.StatusScheduled || m.PrincipalID != dg.ID || m.End.Sub(m.Start) != 30*time.Minute {
		t.Fatalf("the scheduled meeting: %s, principal %d, %v long", m.Status, m.PrincipalID, m.End.Sub(m.Start))
	}

	// 4. It is moved by hand through the pick-a-slot dialog...
	day := m.Start.In(zone).Format(time.DateOnly)
	block := fmt.Sprintf(`.prog-meeting[data-meeting="%d"]`, m.ID)
	programme := base + "/programme?day=" + day + "&lang=" + lang
	do(t, ctx, chromedp.Navigate(programme), chromedp.WaitVisible(chromedp.CSS(block)))
	journeyLayout(t, ctx, lang, "programme of the meeting's day")
	journeyMirrored(t, ctx, lang, block)
	shot("4-programme")
	journeyWait(t, ctx, `typeof htmx !== "undefined"`)
	do(t, ctx, chromedp.Click(chromedp.CSS(block+" .prog-move")),
		chromedp.WaitVisible(chromedp.CSS(`#prog-dialog[open] #prog-slots input[name="slot"]`)))
	slots := value(t, ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('#prog-dialog #prog-slots input[name="slot"]'), i => i.value)`))
	now := m.Start.In(zone).Format(progTimeLayout)
	slot := ""
	for _, v := range slots {
		if !strings.HasPrefix(v, now+"|") {
			slot = v
			break
		}
	}
	if slot == "" {
		t.Fatalf("the dialog offers no slot other than the meeting's own (%q)", slots)
	}
	shot("4-slots")
	do(t, ctx, chromedp.Click(chromedp.CSS(`#prog-dialog #prog-slots input[name="slot"][value="`+slot+`"]`)),
		chromedp.Click(chromedp.CSS(`#prog-dialog #prog-slots button[type="submit"]`)))
	journeyWait(t, ctx, `!!document.querySelector("#programme > [role=status]") && !document.getElementById("prog-dialog").open`)
	wantStart, wantRoom, _ := strings.Cut(slot, "|")
	// The programme drawn again in place shows the block at its new start.
	journeyWait(t, ctx, `(function () { var b = document.querySelector(`+strconv.Quote(block)+`); return !!b && b.dataset.start === `+strconv.Quote(wantStart[len("2006-01-02T"):])+`; })()`)
	shot("4-moved")
	moved := meetingReload(t, s, m.ID)
	if got := moved.Start.In(zone).Format(progTimeLayout); got != wantStart || strconv.FormatInt(moved.RoomID, 10) != wantRoom {
		t.Fatalf("after the move the store has %s in room %d, want %s in room %s", got, moved.RoomID, wantStart, wantRoom)
	}
	if moved.End.Sub(moved.Start) != 30*time.Minute {
		t.Errorf("the move changed the length to %v", moved.End.Sub(moved.Start))
	}

	// ... and a drop into the principal's afternoon session is refused,
	// saying which session is in the way; nothing changes.
	session := journeySessionAt(t, s, dg, moved.Start.In(zone), 15*60+30)
	do(t, ctx, chromedp.Navigate(base+"/programme?day="+moved.Start.In(zone).Format(time.DateOnly)+"&lang="+lang),
		chromedp.WaitVisible(chromedp.CSS(block)))
	journeyLayout(t, ctx, lang, "programme after the move")
	programmeDrop(t, ctx, block, 15*60+30)
	journeyWait(t, ctx, `!document.getElementById("prog-live").hidden`)
	msg := value(t, ctx, chromedp.Text(chromedp.CSS(`#prog-live`)))
	if !strings.Contains(msg, session.Title) {
		t.Errorf("the refusal says %q, want it to name %q", msg, session.Title)
	}
	shot("4-refused")
	if after := meetingReload(t, s, m.ID); after.Version != moved.Version || !after.Start.Equal(moved.Start) || after.RoomID != moved.RoomID {
		t.Errorf("the refused drop changed the meeting: %s in room %d (version %d), was %s in room %d (version %d)",
			after.Start, after.RoomID, after.Version, moved.Start, moved.RoomID, moved.Version)
	}

	// 5. It is held with an outcome, on the meeting page.
	do(t, ctx, chromedp.Navigate(fmt.Sprintf("%s/meetings/%d?lang=%s", s.srv.URL, m.ID, lang)),
		chromedp.WaitVisible(chromedp.CSS(`#meeting-outcome form[action$="/held"] button[type="submit"]`)))
	journeyLayout(t, ctx, lang, "meeting")
	journeyWait(t, ctx, `typeof htmx !== "undefined"`)
	value(t, ctx, chromedp.Evaluate[bool](`window.journeyMark = true`))
	shot("5-meeting")
	do(t, ctx, chromedp.Click(chromedp.CSS(`#meeting-outcome form[action$="/held"] button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#f-outcome`)))
	if st := value(t, ctx, chromedp.AttributeValue(chromedp.CSS(`.meeting-head [data-status]`), "data-status")).Value; st != string(bilat.StatusHeld) {
		t.Errorf("the page shows the meeting %q", st)
	}
	if held := meetingReload(t, s, m.ID); held.Status != bilat.StatusHeld {
		t.Fatalf("after marking it held, the store has the meeting %s", held.Status)
	}
	text := journeyTexts[lang]
	do(t, ctx,
		chromedp.SendKeys(chromedp.CSS(`#f-outcome`), text.outcome),
		chromedp.SendKeys(chromedp.CSS(`#f-decisions`), text.decision),
		chromedp.Click(chromedp.CSS(`#meeting-outcome button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#meeting-outcome .meeting-saved`)),
		chromedp.WaitVisible(chromedp.CSS(`#meeting-outcome .meeting-decisions li`)),
	)
	if !value(t, ctx, chromedp.Evaluate[bool](`window.journeyMark === true`)) {
		t.Error("marking held or saving the outcome loaded the whole page again")
	}
	journeyLayout(t, ctx, lang, "meeting held")
	shot("5-held")
	done := meetingReload(t, s, m.ID)
	if done.Status != bilat.StatusHeld || done.Outcome != text.outcome || len(done.Decisions) != 1 || done.Decisions[0] != text.decision {
		t.Errorf("stored: %s, outcome %q, decisions %q", done.Status, done.Outcome, done.Decisions)
	}
	if st := inboxStored(t, s, x.ID).Status; st != bilat.StatusHeld {
		t.Errorf("the request is %s, want held", st)
	}
}

// journeyWait polls a JavaScript condition until it holds.
func journeyWait(t *testing.T, ctx context.Context, cond string) {
	t.Helper()
	value(t, ctx, chromedp.Poll[bool](cond, chromedp.WithPollingTimeout(15*time.Second)))
}

// journeyLayout checks that the page is in the journey's language and
// direction: <html lang="ar" dir="rtl"> in Arabic.
func journeyLayout(t *testing.T, ctx context.Context, lang, page string) {
	t.Helper()
	want := map[bool]string{true: "rtl", false: "ltr"}[lang == "ar"]
	got := value(t, ctx, chromedp.Evaluate[[]string](`[document.documentElement.lang, document.documentElement.dir]`))
	if len(got) != 2 || got[0] != lang || got[1] != want {
		t.Errorf("%s: <html lang dir> is %q, want [%s %s]", page, got, lang, want)
	}
}

// journeyMirrored checks the direction of time on the row of a block: the
// last block of the row is drawn right of the first in a left-to-right
// page, left of it in Arabic.
func journeyMirrored(t *testing.T, ctx context.Context, lang, block string) {
	t.Helper()
	lefts := value(t, ctx, chromedp.Evaluate[[]float64](`(function () {
		var blocks = Array.from(document.querySelector(`+strconv.Quote(block)+`).parentElement.querySelectorAll(".prog-block"));
		blocks.sort(function (a, b) { return Number(a.dataset.col) - Number(b.dataset.col); });
		if (blocks.length < 2) { return []; }
		return [blocks[0].getBoundingClientRect().left, blocks[blocks.length - 1].getBoundingClientRect().left];
	})()`))
	if len(lefts) != 2 {
		t.Fatal("the meeting's row has a single block: nothing to compare")
	}
	if rtl := lefts[1] < lefts[0]; rtl != (lang == "ar") {
		t.Errorf("%s: the row's first block is at x=%v, its last at x=%v", lang, lefts[0], lefts[1])
	}
}

// journeyDelegation is a delegation of the demo (not the host's) that has
// made no request.
func journeyDelegation(t *testing.T, s *site) *bilat.Delegation {
	t.Helper()
	ctx := context.Background()
	requests, _, err := s.db.ListRequests(ctx, bilat.RequestFilter{EventID: s.event.ID, Page: bilat.Page{Limit: bilat.MaxLimit}})
	if err != nil {
		t.Fatal(err)
	}
	asked := map[int64]bool{}
	for _, x := range requests {
		asked[x.DelegationID] = true
	}
	delegations, _, err := s.db.ListDelegations(ctx, bilat.DelegationFilter{EventID: s.event.ID, Page: bilat.Page{Limit: bilat.MaxLimit}})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range delegations {
		if !d.IsHost && !asked[d.ID] {
			return d
		}
	}
	t.Fatal("every delegation of the demo has made a request")
	return nil
}

// journeyPrincipal is the event's first principal (not a deputy): the
// Director General.
func journeyPrincipal(t *testing.T, s *site) *bilat.Principal {
	t.Helper()
	principals, _, err := s.db.ListPrincipals(context.Background(), bilat.EventPart{EventID: s.event.ID, Page: bilat.Page{Limit: bilat.MaxLimit}})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range principals {
		if p.DeputyOf == 0 {
			return p
		}
	}
	t.Fatal("the demo has no principal")
	return nil
}

// journeyRequestOf is the one request a delegation has made.
func journeyRequestOf(t *testing.T, s *site, delegation int64) *bilat.Request {
	t.Helper()
	list, _, err := s.db.ListRequests(context.Background(), bilat.RequestFilter{EventID: s.event.ID, DelegationID: delegation})
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 {
		t.Fatalf("the delegation has %d requests, want the one just made", len(list))
	}
	return list[0]
}

// journeyMeetingOf is the meeting of a request.
func journeyMeetingOf(t *testing.T, s *site, x *bilat.Request) *bilat.Meeting {
	t.Helper()
	list, _, err := s.db.ListMeetings(context.Background(), bilat.MeetingFilter{EventID: s.event.ID, DelegationID: x.DelegationID})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range list {
		if m.RequestID == x.ID {
			return m
		}
	}
	t.Fatalf("request %d has no meeting", x.ID)
	return nil
}

// journeySessionAt is the programme session a principal attends that is
// under way at a minute of a day (local time).
func journeySessionAt(t *testing.T, s *site, p *bilat.Principal, day time.Time, minute int) *bilat.ProgrammeSession {
	t.Helper()
	at := time.Date(day.Year(), day.Month(), day.Day(), minute/60, minute%60, 0, 0, day.Location())
	sessions, _, err := s.db.ListSessions(context.Background(), bilat.EventPart{EventID: s.event.ID, Page: bilat.Page{Limit: bilat.MaxLimit}})
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range sessions {
		if !x.Start.After(at) && x.End.After(at) && (len(x.Attendees) == 0 || slices.Contains(x.Attendees, p.PersonID)) {
			return x
		}
	}
	t.Fatalf("no session at %s", at)
	return nil
}
