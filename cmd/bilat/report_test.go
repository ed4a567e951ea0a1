package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"bilat/demo"
)

// TestReportCommand writes the demo's report as text in French, as HTML
// in Arabic to a file, under a chosen scheme, and refuses bad flags.
func TestReportCommand(t *testing.T) {
	file := tempDB(t)
	mustRun(t, "--db", file, "seed", "demo")
	text := mustRun(t, "--db", file, "report", demo.Slug, "--lang", "fr", "--format", "text")
	for _, want := range []string{"Entretiens tenus\u00a0: 43", "du Danemark", "d'Allemagne", "Communiqué de presse"} {
		if !strings.Contains(text, want) {
			t.Errorf("the French text lacks %q", want)
		}
	}
	out := filepath.Join(t.TempDir(), "report.html")
	mustRun(t, "--db", file, "report", demo.Slug, "--lang", "ar", "--format", "html", "-o", out)
	html, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(html), `dir="rtl"`) || !strings.Contains(string(html), "<svg") || strings.Contains(string(html), "<script") {
		t.Error("the Arabic HTML is not right to left, lacks its charts or carries a script")
	}
	un := mustRun(t, "--db", file, "report", demo.Slug, "--scheme", "un-m49-continents")
	if !strings.Contains(un, "Americas") || strings.Contains(un, "Latin America (") {
		t.Error("the UN M49 scheme was not used")
	}
	for _, args := range [][]string{{"--format", "doc"}, {"--lang", "de"}} {
		if code, _, _ := runMain(t, "", append([]string{"--db", file, "report", demo.Slug}, args...)...); code == 0 {
			t.Errorf("%v was accepted", args)
		}
	}
}
