package report

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"bilat"
	"bilat/demo"
	"bilat/store"
)

// press is what the press reported (shared/data/marrakech-2025.json):
// the figures the report of the demo must reproduce.
type press struct {
	Reported struct {
		Claimed       int                 `json:"bilateral_meetings_claimed"`
		Groups        map[string][]string `json:"counterparts_as_grouped_by_the_press"`
		Organisations []json.RawMessage   `json:"counterpart_organisations"`
		Agreements    []struct {
			Country string `json:"counterpart_country"`
		} `json:"agreements_signed"`
	} `json:"reported"`
}

func readPress(t *testing.T) press {
	t.Helper()
	buf, err := os.ReadFile(filepath.Join("..", "demo", "marrakech-2025.json"))
	if err != nil {
		t.Fatal(err)
	}
	var p press
	if err := json.Unmarshal(buf, &p); err != nil {
		t.Fatal(err)
	}
	return p
}

var (
	demoOnce sync.Once
	demoPath string
	demoErr  error
)

// demoDB opens a fresh copy of the Marrakech demo.
func demoDB(t *testing.T) (*store.DB, *bilat.Event) {
	t.Helper()
	ctx := context.Background()
	demoOnce.Do(func() {
		dir, err := os.MkdirTemp("", "bilat-report-")
		if err != nil {
			demoErr = err
			return
		}
		demoPath = filepath.Join(dir, "demo.db")
		db, err := store.Open(ctx, demoPath)
		if err != nil {
			demoErr = err
			return
		}
		_, demoErr = demo.Build(ctx, db, bilat.LocalActor)
		db.Close()
	})
	if demoErr != nil {
		t.Fatal(demoErr)
	}
	buf, err := os.ReadFile(demoPath)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "bilat.db")
	if err := os.WriteFile(path, buf, 0o600); err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	e, err := db.EventBySlug(ctx, demo.Slug)
	if err != nil {
		t.Fatal(err)
	}
	return db, e
}

// TestReportDemo checks the demo's report against the press's figures.
func TestReportDemo(t *testing.T) {
	p := readPress(t).Reported
	db, e := demoDB(t)
	r, err := Build(context.Background(), db, e.ID, "", "en")
	if err != nil {
		t.Fatal(err)
	}
	if r.Scheme.Slug != demo.SchemeSlug {
		t.Errorf("default scheme %q, want the event's own %q", r.Scheme.Slug, demo.SchemeSlug)
	}
	countries := 0
	for _, cs := range p.Groups {
		countries += len(cs)
	}
	named := countries + len(p.Organisations) + len(p.Agreements)
	f := r.Figures
	if f.Held != p.Claimed || f.Counterparts != named || f.Met != p.Claimed || f.NotHeld != named-p.Claimed {
		t.Errorf("figures %+v; want %d held, %d counterparts", f, p.Claimed, named)
	}
	if f.Countries != countries+len(p.Agreements) {
		t.Errorf("%d countries, want %d", f.Countries, countries+len(p.Agreements))
	}
	byName := map[string]Group{}
	for _, g := range r.ByRegion {
		byName[g.EN] = g
	}
	for region, cs := range p.Groups {
		if got := len(byName[region].Members); got != len(cs) {
			t.Errorf("%s: %d countries, want %d", region, got, len(cs))
		}
	}
	if other := r.ByRegion[len(r.ByRegion)-1]; other.Code != OtherRegion || len(other.Members) != len(p.Agreements) {
		t.Errorf("the countries outside the press grouping: %+v", other)
	}
	if len(r.Organisations) != len(p.Organisations) || len(r.Agreements) != len(p.Agreements) {
		t.Errorf("%d organisations, %d agreements", len(r.Organisations), len(r.Agreements))
	}
	for i, a := range r.Agreements {
		if len(a.Parties) != 1 || !strings.Contains(p.Agreements[0].Country+p.Agreements[1].Country, a.Parties[0].Code) || a.Scope == "" {
			t.Errorf("agreement %d: %+v", i, a)
		}
	}
	held := 0
	for _, d := range r.ByDay {
		held += d.Held
	}
	if held != f.Held || len(r.ByDay) != 4 {
		t.Errorf("by day %+v", r.ByDay)
	}
}

// TestReportDemoSummary reads the demo's summary in three languages.
func TestReportDemoSummary(t *testing.T) {
	db, e := demoDB(t)
	cases := map[string][]string{
		"en": {"the host, ", "43 bilateral meetings", "52 counterparts", "9 counterparts have an accepted request", "Europe (18 countries)", "Africa (14 countries)", "Latin America (5 countries)", "Asia (9 countries)", "Multilateral partners", "2 agreements were signed", "A memorandum of understanding with Norway"},
		"fr": {"l'hôte, ", "43 entretiens bilatéraux", "52 interlocuteurs", "d'Allemagne", "du Danemark", "des Bahamas", "de Suède", "de l'Inde", "de Bahreïn", "du Koweït", "avec la Norvège", "avec l'Éthiopie", "Un mémorandum d'entente"},
		"ar": {"43 لقاءً ثنائيًا", "52 محاورًا", "اتفاقان", "مذكرة تفاهم", "ألمانيا", "النرويج", "في مراكش", "انعقدت الدورة الثالثة والتسعون"},
	}
	wrong := []string{"de Danemark", "de Allemagne", "de les", "de le ", "d'Danemark", "de Inde", "report.summary", "report.kind", "في Marrakech"}
	for lang, want := range cases {
		r, err := Build(context.Background(), db, e.ID, "", lang)
		if err != nil {
			t.Fatal(err)
		}
		s := Summary(r)
		for _, x := range want {
			if !strings.Contains(s, x) {
				t.Errorf("%s: the summary lacks %q:\n%s", lang, x, s)
			}
		}
		for _, x := range wrong {
			if strings.Contains(s, x) {
				t.Errorf("%s: the summary has %q", lang, x)
			}
		}
	}
}
