package server

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"bilat"
)

// partnerMeetingOf returns the demo's meeting with a partner.
func partnerMeetingOf(t *testing.T, s *site, code string) *bilat.Meeting {
	t.Helper()
	ctx := context.Background()
	p, err := s.db.PartnerByCode(ctx, code)
	if err != nil {
		t.Fatal(err)
	}
	dels, _, err := s.db.ListDelegations(ctx, bilat.DelegationFilter{EventID: s.event.ID, PartnerID: p.ID})
	if err != nil || len(dels) != 1 {
		t.Fatalf("%s: %d delegations, %v", code, len(dels), err)
	}
	list, _, err := s.db.ListMeetings(ctx, bilat.MeetingFilter{EventID: s.event.ID, DelegationID: dels[0].ID})
	if err != nil || len(list) != 1 {
		t.Fatalf("%s: %d meetings, %v", code, len(list), err)
	}
	return list[0]
}

func TestPartnerPageShowsMoUAndMeeting(t *testing.T) {
	s := newSite(t)
	names := map[string]map[string]string{
		"NO": {"en": "Norway", "fr": "Norvège", "ar": "النرويج"},
		"ET": {"en": "Ethiopia", "fr": "Éthiopie", "ar": "إثيوبيا"},
	}
	for code, byLang := range names {
		m := partnerMeetingOf(t, s, code)
		for lang, name := range byLang {
			doc := s.get("/partners/"+code, lang, http.StatusOK)
			must(t, doc, `html[lang="`+lang+`"]`)
			if got := must(t, doc, "main h1").Text(); got != name {
				t.Errorf("%s in %s: title %q, want %q", code, lang, got, name)
			}
			must(t, doc, `.partner-event[data-event="`+s.event.Slug+`"] .partner-meetings a[href="/meetings/`+strconv.FormatInt(m.ID, 10)+`"]`)
			must(t, doc, `.partner-meetings .badge.held`)
			must(t, doc, `.partner-topics li`)
			mou := must(t, doc, `.partner-agreements tr[data-agreement]`)
			if !strings.Contains(mou.Text(), "Memorandum of understanding between the DGSN-DGST") {
				t.Errorf("%s in %s: agreement row %q", code, lang, mou.Text())
			}
			if got := mou.Find(`a[href="/partners/DGSN-DGST"]`).Length(); got != 1 {
				t.Errorf("%s in %s: the other party is not linked", code, lang)
			}
		}
	}
}

func TestPartnerPageByIDAndUnknown(t *testing.T) {
	s := newSite(t)
	p, err := s.db.PartnerByCode(context.Background(), "NO")
	if err != nil {
		t.Fatal(err)
	}
	doc := s.get("/partners/"+strconv.FormatInt(p.ID, 10), "fr", http.StatusOK)
	if got := must(t, doc, "main h1").Text(); got != "Norvège" {
		t.Errorf("by id: %q", got)
	}
	s.get("/partners/NO-SUCH-PARTNER", "en", http.StatusNotFound)
}

func TestPartnerPageWithoutHistory(t *testing.T) {
	s := newSite(t)
	doc := s.get("/partners/AQ", "ar", http.StatusOK)
	must(t, doc, `html[dir="rtl"]`)
	if doc.Find(".partner-event").Length() != 0 || doc.Find(".partner-agreements").Length() != 0 {
		t.Error("a partner without delegations shows history")
	}
}

func TestPartnerListSearchesEveryLanguage(t *testing.T) {
	s := newSite(t)
	for _, tc := range []struct{ query, lang, code, name string }{
		{"norv", "fr", "NO", "Norvège"},
		{"النرويج", "ar", "NO", "النرويج"},
		{"Norway", "en", "NO", "Norway"},
		{"ethiopie", "fr", "ET", "Éthiopie"}, // without its accent
		{"et", "en", "ET", "Ethiopia"},       // a code
	} {
		doc := s.get("/partners?q="+url.QueryEscape(tc.query), tc.lang, http.StatusOK)
		row := must(t, doc, `table.partner-list tr[data-code="`+tc.code+`"]`)
		if got := row.Find(`a[href="/partners/` + tc.code + `"]`).Text(); got != tc.name {
			t.Errorf("%q in %s: %q, want %q", tc.query, tc.lang, got, tc.name)
		}
	}
}

func TestPartnerListFilters(t *testing.T) {
	s := newSite(t)
	doc := s.get("/partners?kind=international_organisation", "en", http.StatusOK)
	doc.Find("table.partner-list tbody tr").Each(func(_ int, row *goquery.Selection) {
		if !strings.Contains(row.Text(), "International organisation") {
			t.Errorf("kind filter let through %q", row.Text())
		}
	})
	doc = s.get("/partners?region=150&active=1", "fr", http.StatusOK)
	must(t, doc, `tr[data-code="NO"]`)
	if doc.Find(`tr[data-code="ET"]`).Length() != 0 || doc.Find(`tr[data-code="AX"]`).Length() != 0 {
		t.Error("region and active filters let through Ethiopia or the Åland Islands")
	}
	must(t, doc, `select#partner-region option[value="150"][selected]`)
	s.get("/partners?kind=planet", "en", http.StatusBadRequest)
}

func TestPartnerPageListsOpenActions(t *testing.T) {
	s := newSite(t)
	m := partnerMeetingOf(t, s, "NO")
	ctx := context.Background()
	for _, x := range []*bilat.Action{
		{MeetingID: m.ID, Description: "Send the liaison officers' names", OwnerName: "Protocol desk", Due: "2025-12-15", Status: bilat.ActionOpen},
		{MeetingID: m.ID, Description: "Thank-you letter", OwnerName: "Protocol desk", Status: bilat.ActionDone},
	} {
		if err := s.db.CreateAction(ctx, bilat.LocalActor, x); err != nil {
			t.Fatal(err)
		}
	}
	doc := s.get("/partners/NO", "fr", http.StatusOK)
	open := must(t, doc, ".partner-actions li")
	if open.Length() != 1 || !strings.Contains(open.Text(), "liaison officers") || !strings.Contains(open.Text(), "15 décembre 2025") {
		t.Errorf("open actions: %d, %q", open.Length(), open.Text())
	}
	doc = s.get("/meetings/"+strconv.FormatInt(m.ID, 10), "en", http.StatusOK)
	if n := must(t, doc, "#meeting-action-list tbody tr").Length(); n != 2 {
		t.Errorf("the meeting page shows %d actions, want 2", n)
	}
}
