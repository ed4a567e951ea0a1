package server

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"bilat"
)

// actionsHeldMeeting is a held meeting of the demo and its counterpart's code.
func actionsHeldMeeting(t *testing.T, s *site) *bilat.Meeting {
	t.Helper()
	ms, _, err := s.db.ListMeetings(context.Background(), bilat.MeetingFilter{EventID: s.event.ID, Status: bilat.StatusHeld, Page: bilat.Page{Limit: 1}})
	if err != nil || len(ms) == 0 {
		t.Fatalf("no held meeting in the demo: %v", err)
	}
	return ms[0]
}

func TestActionsOutcomeForm(t *testing.T) {
	s := newSite(t)
	m := actionsHeldMeeting(t, s)
	path := "/meetings/" + strconv.FormatInt(m.ID, 10)
	doc := s.get(path, "en", http.StatusOK)
	must(t, doc, `select[name="outcome_kind"]`)
	must(t, doc, `input[name="topics_discussed"][value="terrorism"]`)

	before := s.auditCount()
	form := url.Values{"version": {strconv.Itoa(m.Version)}, "outcome": {"Agreed"}, "outcome_kind": {"splendid"}, "topics_discussed": {"terrorism"}}
	res, doc := s.post(path+"/outcome", form, false)
	if res.StatusCode != http.StatusBadRequest || s.auditCount() != before {
		t.Fatalf("bad outcome kind: status %d, %d audit rows added", res.StatusCode, s.auditCount()-before)
	}
	must(t, doc, `#e-outcome_kind`)

	form.Set("outcome_kind", "follow_up_needed")
	form["topics_discussed"] = []string{"terrorism", "drug_trafficking"}
	if res, _ := s.post(path+"/outcome", form, false); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("outcome save: status %d", res.StatusCode)
	}
	got, err := s.db.Meeting(context.Background(), m.ID)
	if err != nil || got.OutcomeKind != bilat.OutcomeFollowUpNeeded || strings.Join(got.TopicsDiscussed, ",") != "terrorism,drug_trafficking" {
		t.Fatalf("saved %q %v (%v)", got.OutcomeKind, got.TopicsDiscussed, err)
	}

	// An action from the meeting page: refused without an owner, then saved
	// with its due date and the counterpart as its partner.
	add := url.Values{"description": {"Send the draft MoU"}, "due": {"2026-01-15"}, "status": {"open"}}
	res, doc = s.post(path+"/actions", add, true)
	if res.StatusCode != http.StatusBadRequest {
		t.Fatalf("action without owner: status %d", res.StatusCode)
	}
	must(t, doc, `#e-owner_id`)
	add.Set("owner_name", "Cooperation office")
	if res, _ := s.post(path+"/actions", add, false); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("action save: status %d", res.StatusCode)
	}
	xs, _, err := s.db.ListActions(context.Background(), bilat.ActionFilter{MeetingID: m.ID})
	if err != nil || len(xs) != 1 || xs[0].Due != "2026-01-15" || xs[0].PartnerID == 0 {
		t.Fatalf("actions %+v (%v)", xs, err)
	}
	doc = s.get(path, "fr", http.StatusOK)
	must(t, doc, `#action-`+strconv.FormatInt(xs[0].ID, 10))

	if st := s.crossSitePost(path+"/actions", add); st != http.StatusForbidden {
		t.Errorf("cross-site action: status %d", st)
	}
}

func TestActionsListFiltersAndDone(t *testing.T) {
	s := newSite(t)
	m := actionsHeldMeeting(t, s)
	ctx := context.Background()
	day := func(n int) string { return time.Now().AddDate(0, 0, n).Format(bilat.DateLayout) }
	mk := func(desc, owner, due string) *bilat.Action {
		x := &bilat.Action{MeetingID: m.ID, Description: desc, OwnerName: owner, Due: due}
		if err := s.db.CreateAction(ctx, bilat.LocalActor, x); err != nil {
			t.Fatal(err)
		}
		return x
	}
	late := mk("Late one", "Protocol", day(-5))
	soon := mk("Soon one", "Legal unit", day(1))
	mk("Far one", "Protocol", day(40))

	ids := func(q string) string {
		doc := s.get("/actions"+q, "en", http.StatusOK)
		var out []string
		doc.Find("#actions tbody tr").Each(func(_ int, r *goquery.Selection) { out = append(out, r.AttrOr("id", "")) })
		return strings.Join(out, " ")
	}
	id := func(x *bilat.Action) string { return "action-" + strconv.FormatInt(x.ID, 10) }
	if got := ids("?due=overdue"); got != id(late) {
		t.Errorf("overdue: %s", got)
	}
	if got := ids("?due=soon&owner=legal"); got != id(soon) {
		t.Errorf("due soon for the legal unit: %s", got)
	}
	if got := ids("?owner=protocol&event=" + s.event.Slug); !strings.HasPrefix(got, id(late)) || strings.Contains(got, id(soon)) {
		t.Errorf("by owner, sorted by due date: %s", got)
	}
	doc := s.get("/actions", "en", http.StatusOK)
	if title := doc.Find("h1").Text(); !strings.Contains(title, "1 overdue") {
		t.Errorf("title %q does not count the overdue action", title)
	}
	if doc := s.get("/actions?due=someday", "en", http.StatusBadRequest); doc.Find("#e-due").Length() == 0 {
		t.Error("an unknown due filter is not shown beside its field")
	}

	// Marked done in place, with its version; a second, stale click is refused.
	form := url.Values{"status": {"done"}, "version": {strconv.Itoa(late.Version)}, "back": {"/actions"}}
	// The answer is a bare table row, which an HTML parser outside a table
	// drops: check the store and the row's button instead.
	res, doc := s.post("/actions/"+strconv.FormatInt(late.ID, 10)+"/status", form, true)
	if got, err := s.db.Action(ctx, late.ID); res.StatusCode != http.StatusOK || err != nil || got.Status != bilat.ActionDone {
		t.Fatalf("mark done: status %d, action %+v (%v)", res.StatusCode, got, err)
	}
	must(t, doc, `button[value="open"]`)
	if res, _ := s.post("/actions/"+strconv.FormatInt(late.ID, 10)+"/status", form, true); res.StatusCode != http.StatusConflict {
		t.Errorf("stale mark done: status %d", res.StatusCode)
	}
	dash := s.get("/events/"+s.event.Slug+"/", "en", http.StatusOK)
	must(t, dash, `[data-actions-soon="1"]`)
	if dash.Find(`[data-actions-overdue]`).Length() != 0 {
		t.Error("the dashboard still counts the done action as overdue")
	}
}

func TestActionsRefusals(t *testing.T) {
	s := newSite(t)
	m := actionsHeldMeeting(t, s)
	x := &bilat.Action{MeetingID: m.ID, Description: "Exchange contact points", OwnerName: "Desk"}
	if err := s.db.CreateAction(context.Background(), bilat.LocalActor, x); err != nil {
		t.Fatal(err)
	}
	paths := []string{"/actions", "/actions/" + strconv.FormatInt(x.ID, 10)}
	for _, who := range []string{"viewer", "principal", "liaisonA", "liaisonB", "anonymous"} {
		for _, p := range paths {
			res, err := s.as(who).Get(s.srv.URL + p)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			want := http.StatusForbidden
			if who == "anonymous" {
				want = http.StatusSeeOther
			}
			if res.StatusCode != want {
				t.Errorf("GET %s as %s: %d, want %d", p, who, res.StatusCode, want)
			}
		}
	}
}
