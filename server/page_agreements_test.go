package server

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"bilat"
)

// agreementsPDF is the start of a PDF file, which is what the type check reads.
var agreementsPDF = []byte("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")

// agreementsDemo returns the demo's agreement with a partner.
func agreementsDemo(t *testing.T, s *site, code string) *bilat.Agreement {
	t.Helper()
	ctx := context.Background()
	p, err := s.db.PartnerByCode(ctx, code)
	if err != nil {
		t.Fatal(err)
	}
	list, _, err := s.db.ListAgreements(ctx, bilat.AgreementFilter{PartnerID: p.ID})
	if err != nil || len(list) != 1 {
		t.Fatalf("the demo's agreement with %s: %d, %v", code, len(list), err)
	}
	return list[0]
}

// agreementsUploadAs posts a file to an agreement as the desk's page
// would, and returns the status and body.
func agreementsUploadAs(t *testing.T, s *site, id int64, name string, content []byte) (int, string) {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, err := mw.CreateFormFile("file", name)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(content)
	mw.Close()
	req, _ := http.NewRequest("POST", s.srv.URL+"/agreements/"+strconv.FormatInt(id, 10)+"/documents", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	res, err := s.client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

func TestAgreementsListShowsTheDemosMoUs(t *testing.T) {
	s := newSite(t)
	doc := s.get("/agreements", "en", http.StatusOK)
	if n := doc.Find("#agreements tbody tr").Length(); n != 2 {
		t.Fatalf("%d agreements listed, want the demo's 2", n)
	}
	text := doc.Find("#agreements").Text()
	for _, want := range []string{"Norway", "Ethiopia", "Memorandum of understanding", "Signed"} {
		if !strings.Contains(text, want) {
			t.Errorf("the list lacks %q", want)
		}
	}
	fr := s.get("/agreements", "fr", http.StatusOK)
	if text := fr.Find("#agreements").Text(); !strings.Contains(text, "Norvège") || !strings.Contains(text, "Éthiopie") {
		t.Errorf("the French list names the parties in English: %s", text)
	}
	one := s.get("/agreements?partner=NO", "en", http.StatusOK)
	if rows := one.Find("#agreements tbody tr"); rows.Length() != 1 || !strings.Contains(rows.Text(), "Norway") {
		t.Errorf("?partner=NO lists %d rows", rows.Length())
	}
	if n := s.get("/agreements?status=draft", "en", http.StatusOK).Find("#agreements tbody tr").Length(); n != 0 {
		t.Errorf("?status=draft lists %d", n)
	}
	bad := s.get("/agreements?partner=ZZZ&expiring=soon", "en", http.StatusBadRequest)
	must(t, bad, "#f-partner[aria-invalid]")
	must(t, bad, "#f-expiring[aria-invalid]")
	ar := s.get("/agreements", "ar", http.StatusOK)
	must(t, ar, `html[dir="rtl"]`)
}

func TestAgreementsRoles(t *testing.T) {
	s := newSite(t)
	no := agreementsDemo(t, s, "NO")
	id := strconv.FormatInt(no.ID, 10)
	get := func(who, path string) (int, string) {
		res, err := s.as(who).Get(s.srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}
	// A viewer reads the list (no links to the records, no notes) and nothing else.
	status, body := get("viewer", "/agreements")
	if status != http.StatusOK || !strings.Contains(body, "Norway") || strings.Contains(body, `href="/agreements/`+id+`"`) || strings.Contains(body, "Illustrative") {
		t.Errorf("viewer's list: %d", status)
	}
	for _, who := range []string{"viewer", "principal", "liaisonA", "liaisonB"} {
		for _, path := range []string{"/agreements/" + id, "/agreements/new", "/agreements/" + id + "/edit"} {
			if status, _ := get(who, path); status != http.StatusForbidden {
				t.Errorf("GET %s as %s: %d, want 403", path, who, status)
			}
		}
	}
	for _, who := range []string{"principal", "liaisonA", "liaisonB"} {
		if status, _ := get(who, "/agreements"); status != http.StatusForbidden {
			t.Errorf("GET /agreements as %s: %d, want 403", who, status)
		}
	}
	if status, _ := get("anonymous", "/agreements"); status != http.StatusSeeOther {
		t.Errorf("anonymous: %d, want the login page", status)
	}
	before := s.auditCount()
	if status := s.crossSitePost("/agreements/"+id+"/transition", url.Values{"to": {"in_force"}, "version": {strconv.Itoa(no.Version)}, "in_force_on": {"2026-01-01"}}); status != http.StatusForbidden {
		t.Errorf("cross-site transition: %d", status)
	}
	if status := s.crossSitePost("/agreements/new", url.Values{"kind": {"agreement"}, "title": {"Forged"}, "parties": {"NO"}}); status != http.StatusForbidden {
		t.Errorf("cross-site creation: %d", status)
	}
	if s.auditCount() != before {
		t.Error("a cross-site post changed the registry")
	}
}

func TestAgreementsCreateEditAndMove(t *testing.T) {
	s := newSite(t)
	before := s.auditCount()
	res, doc := s.post("/agreements/new", url.Values{"kind": {"treaty"}, "title": {" "}, "parties": {"NO ZZZ"}, "status": {"draft"}, "expires_on": {"soon"}}, false)
	if res.StatusCode != http.StatusBadRequest {
		t.Fatalf("bad agreement: %d", res.StatusCode)
	}
	for _, f := range []string{"kind", "title", "parties", "expires_on"} {
		must(t, doc, "#e-"+f)
	}
	if !strings.Contains(doc.Find("#e-parties").Text(), "ZZZ") {
		t.Errorf("the parties' problem does not name the unknown code: %q", doc.Find("#e-parties").Text())
	}
	if s.auditCount() != before {
		t.Fatal("a refused agreement changed the registry")
	}
	res, _ = s.post("/agreements/new", url.Values{"kind": {"agreement"}, "title": {"Agreement on police training"}, "parties": {"no, et"},
		"topics": {"cybercrime"}, "status": {"draft"}, "next_review_on": {"2027-01-01"}}, false)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("new agreement: %d", res.StatusCode)
	}
	path := res.Header.Get("Location")
	id, _ := strconv.ParseInt(strings.TrimPrefix(path, "/agreements/"), 10, 64)
	x, err := s.db.Agreement(context.Background(), id)
	if err != nil || len(x.Parties) != 2 || x.Status != bilat.AgreementDraft {
		t.Fatalf("created %+v, %v", x, err)
	}
	page := s.get(path, "en", http.StatusOK)
	if !strings.Contains(page.Find(".agreements-facts").Text(), "Ethiopia") {
		t.Error("the agreement's page lacks a party")
	}
	must(t, page, `.agreements-history li[data-action="create"]`)

	move := func(to string, extra url.Values, want int) string {
		t.Helper()
		cur, _ := s.db.Agreement(context.Background(), id)
		form := url.Values{"to": {to}, "version": {strconv.Itoa(cur.Version)}}
		for k, v := range extra {
			form[k] = v
		}
		res, doc := s.post(path+"/transition", form, false)
		if res.StatusCode != want {
			t.Fatalf("→ %s: %d, want %d", to, res.StatusCode, want)
		}
		return doc.Find(".field-error, .alert-error").Text()
	}
	if msg := move("signed", nil, http.StatusBadRequest); !strings.Contains(msg, "cannot take this step") {
		t.Errorf("draft → signed refused with %q", msg)
	}
	move("negotiating", nil, http.StatusSeeOther)
	if msg := move("signed", nil, http.StatusBadRequest); !strings.Contains(msg, "day of signature") {
		t.Errorf("signing without a date refused with %q", msg)
	}
	move("signed", url.Values{"signed_on": {"2026-01-15"}}, http.StatusSeeOther)
	if msg := move("in_force", nil, http.StatusBadRequest); !strings.Contains(msg, "entry into force") {
		t.Errorf("entry into force without a date refused with %q", msg)
	}
	if msg := move("in_force", url.Values{"in_force_on": {"2026-01-01"}}, http.StatusBadRequest); msg == "" {
		t.Error("in force before signature: no message")
	}
	move("in_force", url.Values{"in_force_on": {"2026-02-01"}, "expires_on": {"2031-02-01"}}, http.StatusSeeOther)
	x, _ = s.db.Agreement(context.Background(), id)
	if x.Status != bilat.AgreementInForce || x.SignedOn != "2026-01-15" || x.InForceOn != "2026-02-01" || x.ExpiresOn != "2031-02-01" {
		t.Errorf("after the moves: %+v", x)
	}
	stale := url.Values{"to": {"expired"}, "version": {strconv.Itoa(x.Version - 1)}}
	if res, doc := s.post(path+"/transition", stale, false); res.StatusCode != http.StatusConflict || doc.Find(".alert-error").Length() == 0 {
		t.Errorf("stale move: %d", res.StatusCode)
	}

	edit := s.get(path+"/edit", "fr", http.StatusOK)
	if v, _ := edit.Find("#f-parties").Attr("value"); !strings.Contains(v, "NO") || !strings.Contains(v, "ET") {
		t.Errorf("the edit form's parties: %q", v)
	}
	form := url.Values{"version": {strconv.Itoa(x.Version)}, "kind": {"agreement"}, "title": {"Agreement on police training and exchanges"},
		"parties": {"NO ET"}, "signed_on": {x.SignedOn}, "in_force_on": {x.InForceOn}, "expires_on": {x.ExpiresOn}, "next_review_on": {"2027-06-01"}}
	if res, _ := s.post(path+"/edit", form, false); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("edit: %d", res.StatusCode)
	}
	if res, doc := s.post(path+"/edit", form, false); res.StatusCode != http.StatusConflict || doc.Find(".alert-error").Length() == 0 {
		t.Errorf("edit from a stale version: %d", res.StatusCode)
	}
	hist := s.get(path, "en", http.StatusOK)
	for _, action := range []string{"create", "transition", "update"} {
		must(t, hist, `.agreements-history li[data-action="`+action+`"]`)
	}
}

func TestAgreementsNewFromAMeeting(t *testing.T) {
	s := newSite(t)
	no := agreementsDemo(t, s, "NO")
	doc := s.get("/agreements/new?meeting="+strconv.FormatInt(no.MeetingID, 10), "en", http.StatusOK)
	parties, _ := doc.Find("#f-parties").Attr("value")
	if !strings.Contains(parties, "NO") || len(strings.Fields(parties)) != 2 {
		t.Errorf("parties prefilled as %q", parties)
	}
	if v, _ := doc.Find("#f-meeting_id").Attr("value"); v != strconv.FormatInt(no.MeetingID, 10) {
		t.Errorf("meeting prefilled as %q", v)
	}
	if v, _ := doc.Find("#f-signed_on").Attr("value"); v != no.SignedOn {
		t.Errorf("signed_on prefilled as %q, the meeting's day is %q", v, no.SignedOn)
	}
	if v := doc.Find("#f-event_id option[selected]").Text(); v == "" {
		t.Error("the event is not prefilled")
	}
	s.get("/agreements/new?meeting=999999", "en", http.StatusNotFound)
	detail := s.get("/agreements/"+strconv.FormatInt(no.ID, 10), "en", http.StatusOK)
	if !strings.Contains(must(t, detail, "#agreement-meeting").Text(), "Norway") {
		t.Error("the agreement's page does not link its meeting with Norway")
	}
}

func TestAgreementsDocuments(t *testing.T) {
	s := newSite(t)
	et := agreementsDemo(t, s, "ET")
	path := "/agreements/" + strconv.FormatInt(et.ID, 10)
	before := s.auditCount()
	for name, content := range map[string][]byte{
		"page.pdf":   []byte("<!DOCTYPE html><html><script>alert(1)</script></html>"),
		"setup.exe":  []byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"),
		"huge.pdf":   append(append([]byte{}, agreementsPDF...), make([]byte, bilat.MaxDocumentSize)...),
		"empty.pdf":  nil,
		"notes.docx": []byte("PK\x03\x04 not really a zip"),
	} {
		status, body := agreementsUploadAs(t, s, et.ID, name, content)
		if status != http.StatusBadRequest || !strings.Contains(body, `id="e-file"`) || !strings.Contains(body, "not attached") && name != "empty.pdf" {
			t.Errorf("%s: %d", name, status)
		}
	}
	if s.auditCount() != before {
		t.Fatal("a refused upload changed the registry")
	}
	if docs, _ := s.db.Documents(context.Background(), et.ID); len(docs) != 0 {
		t.Fatalf("refused uploads stored %d documents", len(docs))
	}

	status, _ := agreementsUploadAs(t, s, et.ID, "MoU DGSN–Ethiopia (signed).pdf", agreementsPDF)
	if status != http.StatusSeeOther {
		t.Fatalf("PDF upload: %d", status)
	}
	docs, _ := s.db.Documents(context.Background(), et.ID)
	if len(docs) != 1 {
		t.Fatalf("%d documents", len(docs))
	}
	sum := sha256.Sum256(agreementsPDF)
	page := s.get(path, "en", http.StatusOK)
	if got := must(t, page, ".agreements-sum").Text(); got != hex.EncodeToString(sum[:]) {
		t.Errorf("checksum shown %q", got)
	}
	res, err := s.client().Get(s.srv.URL + "/documents/" + strconv.FormatInt(docs[0].ID, 10))
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(res.Body)
	res.Body.Close()
	h := res.Header
	if res.StatusCode != http.StatusOK || !bytes.Equal(got, agreementsPDF) || h.Get("Content-Type") != bilat.DocumentPDF ||
		h.Get("X-Content-Type-Options") != "nosniff" || !strings.HasPrefix(h.Get("Content-Disposition"), "attachment;") {
		t.Errorf("download: %d %q %v", res.StatusCode, got, h)
	}
	if d := sha256.Sum256(got); hex.EncodeToString(d[:]) != docs[0].SHA256 {
		t.Error("the downloaded bytes do not give the stored checksum")
	}

	// A document altered in the database is refused, not served: the same
	// desk, but its documents come back with other bytes.
	tampered := httptest.NewServer(New(agreementsTampered{s.db}, s.db, s.db, Config{Sessions: s.db.Sessions()}))
	defer tampered.Close()
	if res, err := s.client().Get(tampered.URL + "/documents/" + strconv.FormatInt(docs[0].ID, 10)); err != nil || res.StatusCode != http.StatusInternalServerError {
		t.Errorf("an altered document: %v %v", res.StatusCode, err)
	}
	for _, who := range []string{"viewer", "principal", "liaisonA"} {
		res, _ := s.as(who).Get(s.srv.URL + "/documents/" + strconv.FormatInt(docs[0].ID, 10))
		if res.StatusCode != http.StatusForbidden {
			t.Errorf("download as %s: %d", who, res.StatusCode)
		}
	}
	if status := s.crossSitePost("/documents/"+strconv.FormatInt(docs[0].ID, 10)+"/delete", nil); status != http.StatusForbidden {
		t.Errorf("cross-site delete: %d", status)
	}
	before = s.auditCount()
	if res, _ := s.post("/documents/"+strconv.FormatInt(docs[0].ID, 10)+"/delete", nil, false); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("delete: %d", res.StatusCode)
	}
	if s.auditCount() != before+1 {
		t.Error("the deletion is not audited")
	}
	hist := s.get(path, "en", http.StatusOK)
	must(t, hist, `.agreements-history li[data-action="delete"]`)
	s.get("/documents/"+strconv.FormatInt(docs[0].ID, 10), "en", http.StatusNotFound)
}

func TestAgreementsAlertsOnTheList(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	no, _ := s.db.PartnerByCode(ctx, "NO")
	today := time.Now()
	x := &bilat.Agreement{Kind: "protocol", Title: "Protocol nearly over", Parties: []int64{no.ID}, Status: bilat.AgreementInForce,
		SignedOn: today.AddDate(-5, 0, 0).Format(bilat.DateLayout), ExpiresOn: today.AddDate(0, 0, 20).Format(bilat.DateLayout),
		NextReviewOn: today.AddDate(0, 0, -3).Format(bilat.DateLayout)}
	if err := s.db.CreateAgreement(ctx, bilat.LocalActor, x); err != nil {
		t.Fatal(err)
	}
	doc := s.get("/agreements", "en", http.StatusOK)
	id := strconv.FormatInt(x.ID, 10)
	must(t, doc, `.agreements-alerts li[data-alert="expiring"][data-agreement="`+id+`"]`)
	must(t, doc, `.agreements-alerts li[data-alert="review_overdue"][data-agreement="`+id+`"]`)
	if n := s.get("/agreements?expiring=30", "en", http.StatusOK).Find("#agreements tbody tr").Length(); n != 1 {
		t.Errorf("expiring within 30 days: %d rows", n)
	}
	if n := s.get("/agreements?review=0", "en", http.StatusOK).Find("#agreements tbody tr").Length(); n != 1 {
		t.Errorf("review due: %d rows", n)
	}
	for _, lang := range []string{"fr", "ar"} {
		doc := s.get("/agreements", lang, http.StatusOK)
		if strings.Contains(doc.Find(".agreements-alerts").Text(), "agreements.") {
			t.Errorf("%s: an untranslated key in the alerts", lang)
		}
	}
}

// agreementsTampered is a desk whose documents no longer match their
// checksum, as if changed in the database behind the registry's back.
type agreementsTampered struct{ bilat.Desk }

func (d agreementsTampered) Document(ctx context.Context, id int64) (*bilat.Document, error) {
	x, err := d.Desk.Document(ctx, id)
	if err == nil {
		x.Content = []byte("%PDF-1.7 forged")
	}
	return x, err
}

// agreementsRolesDocument attaches a document to the role matrix's
// agreement, for the {id} of the documents' routes, and says that only
// staff may download it.
func agreementsRolesDocument(w *rolesWorld) expect {
	d := &bilat.Document{AgreementID: w.ids["agreements"], Name: "mou.pdf", Content: agreementsPDF}
	if err := w.s.db.AddDocument(context.Background(), bilat.LocalActor, d); err != nil {
		w.s.t.Fatalf("a document for the role matrix: %v", err)
	}
	w.ids["documents"] = d.ID
	return expect{ok: wStaff, must: map[who][]string{wDesk: {"%PDF-"}}}
}

// TestAgreementsOnThePartnerPage: the partner's agreements link to the
// registry, one by one and as the list filtered by the partner.
func TestAgreementsOnThePartnerPage(t *testing.T) {
	s := newSite(t)
	no := agreementsDemo(t, s, "NO")
	for _, lang := range []string{"en", "fr", "ar"} {
		doc := s.get("/partners/NO", lang, http.StatusOK)
		must(t, doc, `#partner-agreements-registry[href="/agreements?partner=NO"]`)
		row := must(t, doc, `.partner-agreements tr[data-agreement="`+strconv.FormatInt(no.ID, 10)+`"]`)
		if row.Find(`a[href="/agreements/`+strconv.FormatInt(no.ID, 10)+`"]`).Length() != 1 || row.Find(`.badge[data-status="signed"]`).Length() != 1 {
			t.Errorf("%s: the agreement's row %q", lang, row.Text())
		}
	}
	list := s.get("/agreements?partner=NO", "en", http.StatusOK)
	must(t, list, `#agreements tr[data-agreement="`+strconv.FormatInt(no.ID, 10)+`"]`)
}

// A document of a few megabytes, within the registry's limit and beyond
// the usual page body limit, is taken.
func TestAgreementsTakeLargeDocuments(t *testing.T) {
	s := newSite(t)
	et := agreementsDemo(t, s, "ET")
	content := append(append([]byte{}, agreementsPDF...), make([]byte, 3<<20)...)
	if status, body := agreementsUploadAs(t, s, et.ID, "signed.pdf", content); status >= 400 {
		t.Fatalf("a 3 MB PDF: %d %s", status, body[:min(len(body), 300)])
	}
	docs, err := s.db.Documents(context.Background(), et.ID)
	if err != nil || len(docs) != 1 || docs[0].Size != int64(len(content)) {
		t.Errorf("stored %+v %v", docs, err)
	}
}
