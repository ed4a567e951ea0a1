package server

import (
	"net/http"
	"net/url"
	"testing"
)

// A problem the domain reports reaches the reader in their language,
// beside its field.
func TestFieldProblemsInTheReadersLanguage(t *testing.T) {
	s := newSite(t)
	for lang, want := range map[string]string{"en": "is required", "fr": "est obligatoire", "ar": "مطلوب"} {
		before := s.auditCount()
		res, doc := s.post("/people/new?lang="+lang, url.Values{"partner_id": {"56"}, "name": {""}}, false)
		if res.StatusCode == http.StatusSeeOther {
			t.Fatalf("%s: a person without a name was saved", lang)
		}
		if got := must(t, doc, `#e-name`).Text(); got != want {
			t.Errorf("%s: the name's problem reads %q, want %q", lang, got, want)
		}
		if s.auditCount() != before {
			t.Errorf("%s: a refused form changed the desk", lang)
		}
	}
}
