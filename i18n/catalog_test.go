package i18n

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// cldrForms are the plural forms CLDR gives each language (go-i18n's rules).
var cldrForms = map[string][]string{
	"en": {"one", "other"},
	"fr": {"many", "one", "other"},
	"ar": {"few", "many", "one", "other", "two", "zero"},
}

func TestEveryLanguageHasEveryKey(t *testing.T) {
	c := MustLoad()
	all := map[string]bool{}
	for _, lang := range Languages {
		for _, k := range c.Keys(lang) {
			all[k] = true
		}
	}
	if len(all) < 50 {
		t.Fatalf("only %d messages: the catalogues were not read", len(all))
	}
	for _, lang := range Languages {
		for k := range all {
			if !slices.Contains(c.Keys(lang), k) {
				t.Errorf("%s lacks %q", lang, k)
			}
		}
	}
}

func TestPluralMessagesHaveEveryCLDRForm(t *testing.T) {
	c := MustLoad()
	for _, lang := range Languages {
		for _, k := range c.Keys("en") {
			if c.PluralForms("en", k) == nil {
				continue
			}
			got := c.PluralForms(lang, k)
			want := append([]string(nil), cldrForms[lang]...)
			slices.Sort(want)
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Errorf("%s %q has plural forms %v, CLDR wants %v", lang, k, got, want)
			}
		}
	}
}

func TestArabicPluralsPickTheirForm(t *testing.T) {
	ar := MustLoad().Locale("ar")
	for n, want := range map[int]string{0: "لا طلبات", 1: "طلب واحد", 2: "طلبان", 3: "3 طلبات", 11: "11 طلبًا", 100: "100 طلب"} {
		if got := ar.N("count.requests", n); got != want {
			t.Errorf("%d: %q, want %q", n, got, want)
		}
	}
}

func TestMatch(t *testing.T) {
	c := MustLoad()
	for _, tc := range []struct{ chosen, accept, want string }{
		{"", "", "en"},
		{"ar", "fr-FR", "ar"},
		{"", "fr-FR,fr;q=0.9,en;q=0.8", "fr"},
		{"", "ar-MA", "ar"},
		{"xx", "de-DE", "en"},
	} {
		if got := c.Match(tc.chosen, tc.accept); got != tc.want {
			t.Errorf("Match(%q, %q) = %q, want %q", tc.chosen, tc.accept, got, tc.want)
		}
	}
}

func TestDatesPerLanguage(t *testing.T) {
	c := MustLoad()
	day := time.Date(2025, 11, 24, 14, 30, 0, 0, time.UTC)
	for lang, want := range map[string]string{"en": "Monday 24 November", "fr": "lundi 24 novembre", "ar": "الاثنين 24 نونبر"} {
		l := c.Locale(lang)
		if got := l.Day(day); got != want {
			t.Errorf("%s: %q, want %q", lang, got, want)
		}
		if got := l.Clock(day); got != "14:30" {
			t.Errorf("%s clock: %q", lang, got)
		}
	}
	if got := c.Locale("fr").Number(12345); !strings.Contains(got, "345") || got == "12345" {
		t.Errorf("French grouping: %q", got)
	}
	if c.Locale("ar").Dir() != "rtl" || c.Locale("fr").Dir() != "ltr" {
		t.Error("directions")
	}
}

func TestProblemsAreTranslated(t *testing.T) {
	c := MustLoad()
	if got := c.Locale("fr").Problem("is required"); got != "est obligatoire" {
		t.Errorf("French: %q", got)
	}
	if got := c.Locale("ar").Problem("is required"); got != "مطلوب" {
		t.Errorf("Arabic: %q", got)
	}
	if got := c.Locale("fr").Problem("unknown venue \"x\""); got != "unknown venue \"x\"" {
		t.Errorf("a message without a translation: %q", got)
	}
}
