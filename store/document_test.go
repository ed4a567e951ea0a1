package store_test

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"

	"bilat"
	"bilat/store"
)

// testPDF is the start of a PDF file, which is what the type check reads.
var testPDF = []byte("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")

// zipOf makes a zip archive of named parts, in order.
func zipOf(t testing.TB, parts ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	for i := 0; i+1 < len(parts); i += 2 {
		w, err := z.Create(parts[i])
		must(t, err)
		_, err = w.Write([]byte(parts[i+1]))
		must(t, err)
	}
	must(t, z.Close())
	return buf.Bytes()
}

// testAgreement registers a draft agreement with Norway.
func testAgreement(t *testing.T, db *store.DB, f *fixture) *bilat.Agreement {
	t.Helper()
	no, err := db.PartnerByCode(ctx, "NO")
	must(t, err)
	a := &bilat.Agreement{Kind: "memorandum_of_understanding", Title: "MoU", Parties: []int64{f.host.ID, no.ID}, EventID: f.event.ID}
	must(t, db.CreateAgreement(ctx, tester, a))
	return a
}

func TestDocumentRoundTrip(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		a := testAgreement(t, db, f)
		before := auditCount(t, db)
		d := &bilat.Document{AgreementID: a.ID, Name: `C:\scans\mou-signed.pdf`, ContentType: "text/html", Content: testPDF}
		must(t, db.AddDocument(ctx, tester, d))
		sum := sha256.Sum256(testPDF)
		if d.Name != "mou-signed.pdf" || d.ContentType != bilat.DocumentPDF || d.Size != int64(len(testPDF)) || d.SHA256 != hex.EncodeToString(sum[:]) || d.UploadedBy != "tester" {
			t.Errorf("stored %+v", d)
		}
		got, err := db.Document(ctx, d.ID)
		must(t, err)
		if !bytes.Equal(got.Content, testPDF) || got.SHA256 != d.SHA256 || got.Name != d.Name || !got.CreatedAt.Equal(d.CreatedAt) {
			t.Errorf("read back %+v", got)
		}
		list, err := db.Documents(ctx, a.ID)
		must(t, err)
		if len(list) != 1 || list[0].Content != nil || list[0].SHA256 != d.SHA256 {
			t.Errorf("listed %+v", list)
		}
		entries, _, err := db.ListAudit(ctx, bilat.AuditFilter{Entity: "document", EntityID: d.ID})
		must(t, err)
		if len(entries) != 1 || strings.Contains(string(entries[0].After), "Catalog") || !strings.Contains(string(entries[0].After), d.SHA256) {
			t.Errorf("audit of the upload: %+v", entries)
		}
		must(t, db.DeleteDocument(ctx, tester, d.ID))
		_, err = db.Document(ctx, d.ID)
		wantCode(t, err, bilat.ENOTFOUND)
		if n := auditCount(t, db); n != before+2 {
			t.Errorf("audit rows %d, want %d", n, before+2)
		}
		wantCode(t, db.DeleteDocument(ctx, tester, d.ID), bilat.ENOTFOUND)
	})
}

func TestDocumentTypes(t *testing.T) {
	docx := zipOf(t, "[Content_Types].xml", "<Types/>", "word/document.xml", "<w:document/>")
	odt := zipOf(t, "mimetype", bilat.DocumentODT, "content.xml", "<office:document-content/>")
	for name, c := range map[string]struct {
		content []byte
		want    string
	}{
		"pdf":        {testPDF, bilat.DocumentPDF},
		"png":        {[]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), bilat.DocumentPNG},
		"jpeg":       {[]byte("\xff\xd8\xff\xe0\x00\x10JFIF"), bilat.DocumentJPEG},
		"docx":       {docx, bilat.DocumentDOCX},
		"odt":        {odt, bilat.DocumentODT},
		"html":       {[]byte("<!DOCTYPE html><script>alert(1)</script>"), ""},
		"exe":        {[]byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff"), ""},
		"other zip":  {zipOf(t, "payload.exe", "MZ"), ""},
		"text":       {[]byte("plain words"), ""},
		"odt faked":  {zipOf(t, "mimetype", "application/x-other"), ""},
		"pdf in svg": {[]byte("<svg xmlns='http://www.w3.org/2000/svg'>%PDF-</svg>"), ""},
	} {
		if got := bilat.DocumentType(c.content); got != c.want {
			t.Errorf("%s: type %q, want %q", name, got, c.want)
		}
	}
}

func TestDocumentRefusals(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		a := testAgreement(t, db, f)
		before := auditCount(t, db)
		big := append(append([]byte{}, testPDF...), make([]byte, bilat.MaxDocumentSize)...)
		for name, d := range map[string]*bilat.Document{
			"html":     {AgreementID: a.ID, Name: "x.pdf", Content: []byte("<html><body>hi</body></html>")},
			"exe":      {AgreementID: a.ID, Name: "setup.exe", Content: []byte("MZ\x90\x00\x03\x00")},
			"empty":    {AgreementID: a.ID, Name: "empty.pdf"},
			"oversize": {AgreementID: a.ID, Name: "big.pdf", Content: big},
			"no name":  {AgreementID: a.ID, Name: " / ", Content: testPDF},
		} {
			err := db.AddDocument(ctx, tester, d)
			wantCode(t, err, bilat.EINVALID)
			if d.ID != 0 {
				t.Errorf("%s: stored as %d", name, d.ID)
			}
		}
		wantCode(t, db.AddDocument(ctx, tester, &bilat.Document{AgreementID: a.ID + 1000, Name: "x.pdf", Content: testPDF}), bilat.ENOTFOUND)
		if n := auditCount(t, db); n != before {
			t.Errorf("refused uploads wrote %d audit rows", n-before)
		}
		list, err := db.Documents(ctx, a.ID)
		must(t, err)
		if len(list) != 0 {
			t.Errorf("refused uploads stored %d documents", len(list))
		}
	})
}

func TestAgreementFilters(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		mk := func(kind, title, expires, review string) {
			a := &bilat.Agreement{Kind: kind, Title: title, Parties: []int64{f.host.ID}, Status: bilat.AgreementInForce,
				SignedOn: "2020-01-01", ExpiresOn: expires, NextReviewOn: review}
			must(t, db.CreateAgreement(ctx, tester, a))
		}
		mk("protocol", "soon", "2026-02-01", "")
		mk("agreement", "later", "2030-01-01", "2026-01-10")
		mk("agreement", "open-ended", "", "2025-12-01")
		titles := func(fl bilat.AgreementFilter) string {
			xs, _, err := db.ListAgreements(ctx, fl)
			must(t, err)
			var out []string
			for _, x := range xs {
				out = append(out, x.Title)
			}
			return strings.Join(out, ",")
		}
		for _, c := range []struct {
			f    bilat.AgreementFilter
			want string
		}{
			{bilat.AgreementFilter{ExpiresFrom: "2026-01-01", ExpiresTo: "2026-03-31"}, "soon"},
			{bilat.AgreementFilter{Kind: "agreement"}, "later,open-ended"},
			{bilat.AgreementFilter{ReviewBy: "2025-12-31"}, "open-ended"},
			{bilat.AgreementFilter{ReviewBy: "2026-01-31"}, "later,open-ended"},
		} {
			if got := titles(c.f); got != c.want {
				t.Errorf("%+v: %q, want %q", c.f, got, c.want)
			}
		}
	})
}
