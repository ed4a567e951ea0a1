package report

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"bilat"
	"bilat/geo"
	"bilat/store"
)

// TestFrenchDe checks the known forms of "de" before French country names.
func TestFrenchDe(t *testing.T) {
	cases := map[string]string{
		"DE": "d'Allemagne", "DK": "du Danemark", "BS": "des Bahamas", "SE": "de Suède",
		"FR": "de la France", "IN": "de l'Inde", "MT": "de Malte", "AE": "des Émirats arabes unis",
		"EC": "de l'Équateur", "US": "des États-Unis d'Amérique", "BH": "de Bahreïn", "KW": "du Koweït",
		"YE": "du Yémen", "ZA": "d'Afrique du Sud", "VA": "du Saint-Siège", "CY": "de Chypre",
		"JM": "de la Jamaïque", "IL": "d'Israël", "OM": "d'Oman", "MX": "du Mexique", "KH": "du Cambodge",
	}
	for code, want := range cases {
		c, _ := geo.Lookup(code)
		if got := FrenchDe(code, c.NameFR); got != want {
			t.Errorf("%s: %q, want %q", code, got, want)
		}
	}
	if got := FrenchWithArticle("NO", "Norvège") + ", " + FrenchWithArticle("ET", "Éthiopie") + ", " + FrenchWithArticle("MT", "Malte"); got != "la Norvège, l'Éthiopie, Malte" {
		t.Errorf("with articles: %q", got)
	}
	if got := FrenchDe("INTERPOL", "INTERPOL"); got != "d'INTERPOL" {
		t.Errorf("an organisation: %q", got)
	}
}

// TestFrenchTableCoversEveryCountry checks that every country of the
// built-in list has its article and a "de" form that fits it.
func TestFrenchTableCoversEveryCountry(t *testing.T) {
	forms := frenchForms()
	for _, c := range geo.Countries() {
		f, ok := forms[c.Alpha2]
		if !ok {
			t.Errorf("%s (%s) has no French article", c.Alpha2, c.NameFR)
			continue
		}
		fits := map[string][]string{"le": {"du"}, "les": {"des"}, "la": {"de", "de la"}, "l'": {"d'", "de l'"}, "": {"de", "d'"}}
		if !strings.Contains(" "+strings.Join(fits[f.article], " | ")+" ", " "+f.de+" ") {
			t.Errorf("%s: article %q with de form %q", c.Alpha2, f.article, f.de)
		}
		if startsWithVowel(c.NameFR) != strings.HasSuffix(f.de, "'") && f.de != "de" && f.de != "du" && f.de != "des" && f.de != "de la" {
			t.Errorf("%s: %q before %q", c.Alpha2, f.de, c.NameFR)
		}
	}
	if len(forms) != len(geo.Countries()) {
		t.Errorf("%d forms for %d countries", len(forms), len(geo.Countries()))
	}
}

// event is a hand-made event: a host, a principal, a room, and
// counterparts whose requests are accepted and, when held, met.
type event struct {
	t         *testing.T
	db        *store.DB
	e         *bilat.Event
	principal *bilat.Principal
	room      *bilat.Room
	n         int
}

func newEvent(t *testing.T) *event {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "bilat.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	a := bilat.LocalActor
	host := &bilat.Partner{Kind: bilat.KindNationalAgency, Code: "HOST", NameEN: "National Police", NameFR: "Police nationale", NameAR: "الشرطة الوطنية", Aliases: []string{}}
	ok(t, db.CreatePartner(ctx, a, host))
	e := &bilat.Event{Slug: "small", NameEN: "Small Summit", NameFR: "Petit sommet", NameAR: "القمة الصغيرة", City: "Rabat", Country: "MA",
		Timezone: "Africa/Casablanca", FirstDay: "2026-03-02", LastDay: "2026-03-03", HostPartnerID: host.ID}
	ok(t, db.CreateEvent(ctx, a, e))
	chief := &bilat.Person{PartnerID: host.ID, Name: "The Chief", Languages: []string{"fr"}, Aliases: []string{}}
	ok(t, db.CreatePerson(ctx, a, chief))
	p := &bilat.Principal{EventID: e.ID, PersonID: chief.ID}
	ok(t, db.CreatePrincipal(ctx, a, p))
	v := &bilat.Venue{EventID: e.ID, Name: "Hall", Travel: []bilat.TravelTime{}}
	ok(t, db.CreateVenue(ctx, a, v))
	room := &bilat.Room{EventID: e.ID, VenueID: v.ID, Name: "Room 1", Capacity: 10, Features: []string{}}
	ok(t, db.CreateRoom(ctx, a, room))
	return &event{t: t, db: db, e: e, principal: p, room: room}
}

func ok(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// meet records a counterpart (a country code, or a new organisation's
// code) with an accepted request, held when held is true; it returns the
// partner.
func (x *event) meet(code string, held bool) *bilat.Partner {
	t, ctx, a := x.t, context.Background(), bilat.LocalActor
	t.Helper()
	p, err := x.db.PartnerByCode(ctx, code)
	if bilat.ErrorCode(err) == bilat.ENOTFOUND {
		p = &bilat.Partner{Kind: bilat.KindInternational, Code: code, NameEN: code + " Office", NameFR: "Bureau " + code, NameAR: "مكتب " + code, Aliases: []string{}}
		err = x.db.CreatePartner(ctx, a, p)
	}
	ok(t, err)
	d := &bilat.Delegation{EventID: x.e.ID, PartnerID: p.ID, Members: []int64{}}
	ok(t, x.db.CreateDelegation(ctx, a, d))
	r := &bilat.Request{EventID: x.e.ID, DelegationID: d.ID, Targets: []bilat.Target{{PrincipalID: x.principal.ID, Preference: 1}},
		Topics: []string{"cybercrime"}, DurationMin: 30, Priority: 3, Languages: []string{"fr"}, Status: bilat.StatusRequested}
	ok(t, x.db.CreateRequest(ctx, a, r))
	r, err = x.db.TransitionRequest(ctx, a, r.ID, bilat.Transition{To: bilat.StatusAccepted, Version: r.Version})
	ok(t, err)
	if held {
		start := time.Date(2026, 3, 2, 9+x.n, 0, 0, 0, time.UTC)
		x.n++
		r, err = x.db.TransitionRequest(ctx, a, r.ID, bilat.Transition{To: bilat.StatusScheduled, Version: r.Version, Start: &start, RoomID: x.room.ID})
		ok(t, err)
		_, err = x.db.TransitionRequest(ctx, a, r.ID, bilat.Transition{To: bilat.StatusHeld, Version: r.Version})
		ok(t, err)
	}
	return p
}

// summaries builds the event's report under UN M49 in the three languages.
func (x *event) summaries() map[string]string {
	out := map[string]string{}
	for _, lang := range []string{"en", "fr", "ar"} {
		r, err := Build(context.Background(), x.db, x.e.ID, "", lang)
		ok(x.t, err)
		out[lang] = Summary(r)
	}
	return out
}

// wantPhrases checks a summary per language for phrases and wrong ones.
func wantPhrases(t *testing.T, name string, got map[string]string, want, wrong map[string][]string) {
	t.Helper()
	common := []string{"de Danemark", "de Allemagne", "de les", "de le ", "report.", "<no value>"}
	for lang, s := range got {
		for _, x := range want[lang] {
			if !strings.Contains(s, x) {
				t.Errorf("%s, %s: lacks %q in\n%s", name, lang, x, s)
			}
		}
		for _, x := range append(common, wrong[lang]...) {
			if strings.Contains(s, x) {
				t.Errorf("%s, %s: has %q in\n%s", name, lang, x, s)
			}
		}
	}
}

// TestSummaryOneCountry: one country met, no agreement, a region with one country.
func TestSummaryOneCountry(t *testing.T) {
	x := newEvent(t)
	x.meet("DK", true)
	wantPhrases(t, "one country", x.summaries(), map[string][]string{
		"en": {"1 bilateral meeting.", "1 counterpart: 1 country.", "Europe (1 country): Denmark.", "No agreement was signed."},
		"fr": {"1 entretien bilatéral.", "1 interlocuteur : 1 pays.", "Europe (1 pays) : les délégations du Danemark.", "Aucun accord n'a été signé."},
		"ar": {"لقاءً ثنائيًا واحدًا", "محاورًا واحدًا", "بلد واحد", "الدانمرك", "لم يُوقَّع أي اتفاق."},
	}, map[string][]string{
		"en": {"figures differ", "Multilateral", "1 countries"},
		"fr": {"chiffres diffèrent", "multilatér"},
		"ar": {"متباينة"},
	})
}

// TestSummaryOnlyOrganisations: organisations only, one of them not met.
func TestSummaryOnlyOrganisations(t *testing.T) {
	x := newEvent(t)
	x.meet("UNODC", true)
	x.meet("AFRIPOL", true)
	x.meet("GCC", false)
	wantPhrases(t, "organisations", x.summaries(), map[string][]string{
		"en": {"2 bilateral meetings.", "3 counterparts: 3 organisations.", "Multilateral partners: AFRIPOL Office, GCC Office and UNODC Office.", "1 counterpart has an accepted request but no meeting recorded as held."},
		"fr": {"2 entretiens bilatéraux.", "Partenaires multilatéraux : Bureau AFRIPOL, Bureau GCC et Bureau UNODC.", "1 interlocuteur a une demande acceptée"},
		"ar": {"لقاءين ثنائيين", "3 منظمات", "ولمحاور واحد طلب مقبول"},
	}, map[string][]string{
		"en": {"countries", "by region"},
		"fr": {"pays", "par région"},
		"ar": {"حسب المنطقة"},
	})
}

// TestSummaryRegionsAndAgreement: several regions, French articles, an
// agreement with its scope.
func TestSummaryRegionsAndAgreement(t *testing.T) {
	x := newEvent(t)
	for _, c := range []string{"DE", "SE", "BS", "IN", "MT", "AE", "FR"} {
		x.meet(c, true)
	}
	se, _ := x.db.PartnerByCode(context.Background(), "SE")
	ag := &bilat.Agreement{Kind: "memorandum_of_understanding", Title: "MoU on training", Parties: []int64{x.e.HostPartnerID, se.ID},
		Topics: []string{"police_training"}, Scope: "police training", Status: bilat.AgreementDraft, EventID: x.e.ID}
	ok(t, x.db.CreateAgreement(context.Background(), bilat.LocalActor, ag))
	ag2, err := x.db.TransitionAgreement(context.Background(), bilat.LocalActor, ag.ID, bilat.AgreementTransition{To: bilat.AgreementNegotiating, Version: ag.Version})
	ok(t, err)
	_, err = x.db.TransitionAgreement(context.Background(), bilat.LocalActor, ag.ID, bilat.AgreementTransition{To: bilat.AgreementSigned, Version: ag2.Version, SignedOn: "2026-03-02"})
	ok(t, err)
	wantPhrases(t, "regions", x.summaries(), map[string][]string{
		"en": {"7 bilateral meetings", "Europe (4 countries): France, Germany, Malta and Sweden.", "Americas (1 country): Bahamas.", "One agreement was signed:", "A memorandum of understanding with Sweden, on police training."},
		"fr": {"d'Allemagne", "de la France", "de Malte", "de Suède", "des Bahamas", "de l'Inde", "des Émirats arabes unis", "Un accord a été signé :", "Un mémorandum d'entente avec la Suède, portant sur : police training."},
		"ar": {"7 لقاءات ثنائية", "وُقِّع اتفاق واحد:", "مذكرة تفاهم مع السويد"},
	}, map[string][]string{
		"fr": {"de Inde", "de France", "d'Malte", "du Suède", "de Bahamas"},
	})
}

// TestCharts checks the SVG charts: well-formed, no script, labelled in
// the reader's language, mirrored in Arabic.
func TestCharts(t *testing.T) {
	x := newEvent(t)
	x.meet("DK", true)
	x.meet("KE", true)
	for _, lang := range []string{"en", "fr", "ar"} {
		r, err := Build(context.Background(), x.db, x.e.ID, "", lang)
		ok(t, err)
		for name, svg := range map[string][]byte{"regions": RegionChart(r), "days": DayChart(r)} {
			dec := xml.NewDecoder(bytes.NewReader(svg))
			for {
				if _, err := dec.Token(); err != nil {
					if err.Error() != "EOF" {
						t.Errorf("%s %s: not well-formed: %v", lang, name, err)
					}
					break
				}
			}
			if bytes.Contains(svg, []byte("<script")) || bytes.Contains(svg, []byte(" on")) {
				t.Errorf("%s %s: carries a script", lang, name)
			}
			if rtl := bytes.Contains(svg, []byte(`direction="rtl"`)); rtl != (lang == "ar") {
				t.Errorf("%s %s: direction rtl is %v", lang, name, rtl)
			}
		}
		labels := map[string]string{"en": "Europe", "fr": "Afrique", "ar": "أفريقيا"}
		if !bytes.Contains(RegionChart(r), []byte(labels[lang])) {
			t.Errorf("%s: the region chart lacks %q", lang, labels[lang])
		}
		if !bytes.Contains(DayChart(r), []byte(fmt.Sprintf(`data-value="%d"`, 2))) {
			t.Errorf("%s: the day chart lacks the day of two meetings", lang)
		}
	}
}
