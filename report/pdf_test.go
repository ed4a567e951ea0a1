package report

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// pdfText extracts a PDF's text with poppler's pdftotext, skipping the
// test when it is missing unless BILAT_REQUIRE_TOOLS is set (CI).
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("BILAT_REQUIRE_TOOLS") != "" {
			t.Fatal("pdftotext (poppler-utils) is required")
		}
		t.Skip("pdftotext (poppler-utils) not installed")
	}
	file := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(file, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(tool, "-enc", "UTF-8", file, "-").CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext: %v: %s", err, out)
	}
	return string(out)
}

// oneSpace folds runs of white space, as text extraction breaks lines.
var oneSpace = regexp.MustCompile(`\s+`)

// bidiMarks are the direction marks of an Arabic line (U+200E, U+200F)
// and the embedding marks pdftotext puts around runs of either direction
// (U+202A to U+202E).
var bidiMarks = regexp.MustCompile("[\u200e\u200f\u202a-\u202e]")

func TestPDFText(t *testing.T) {
	cases := map[string][]string{
		"en": {"93rd INTERPOL General Assembly", "Meetings held 5", "Counterparts by region", "Europe", "Cybercrime 3",
			"Organisations met", "United Nations Office on Drugs and Crime", "Meetings announced 43", "Agreements signed", "2025-11-25 Norway"},
		"fr": {"93e Assemblée générale d’INTERPOL", "Entretiens tenus 5", "Interlocuteurs par région", "Cybercriminalité 3",
			"Organisations rencontrées", "Office des Nations unies contre la drogue et le crime", "Mémorandum d’entente", "Norvège"},
		// Arabic words must come out in their reading order, whatever the
		// order of the lines' columns.
		"ar": {"للجمعية العامة للإنتربول", "اللقاءات المنعقدة", "المنظمات التي جرى لقاؤها", "مكتب الأمم المتحدة المعني بالمخدرات والجريمة",
			"الجريمة السيبرانية", "مكافحة الإرهاب", "الاتفاقات الموقعة", "مذكرة تفاهم"},
	}
	for lang, want := range cases {
		t.Run(lang, func(t *testing.T) {
			var b bytes.Buffer
			if err := WritePDF(&b, sample(lang)); err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(b.Bytes(), []byte("%PDF-")) {
				t.Fatal("not a PDF")
			}
			// NFKC undoes what shaping and ligatures did to the letters
			// (Arabic presentation forms, "ﬁ"), leaving the text as written.
			text := oneSpace.ReplaceAllString(bidiMarks.ReplaceAllString(norm.NFKC.String(pdfText(t, b.Bytes())), ""), " ")
			for _, w := range want {
				if !strings.Contains(text, w) {
					t.Errorf("%q missing from the PDF's text:\n%s", w, text)
				}
			}
		})
	}
}
