package report

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"
)

// The Marrakech demo drawn by every writer of this part, in the three
// languages: the map shades exactly the countries met (Bahrain, met there,
// as a dot), the workbook counts 43 held meetings, and the PDF's text
// names the event, Norway and INTERPOL's figures.
func TestExportsOfTheDemo(t *testing.T) {
	db, e := demoDB(t)
	want := map[string][]string{
		"en": {"Meetings held 43", "Norway", "Counterparts by region"},
		"fr": {"Entretiens tenus 43", "Norvège", "Interlocuteurs par région"},
		"ar": {"اللقاءات المنعقدة", "النرويج"},
	}
	for lang, phrases := range want {
		t.Run(lang, func(t *testing.T) {
			r, err := Build(context.Background(), db, e.ID, "", lang)
			if err != nil {
				t.Fatal(err)
			}
			demoMap(t, r)
			demoXLSX(t, r)
			var b bytes.Buffer
			if err := WritePDF(&b, r); err != nil {
				t.Fatal(err)
			}
			text := oneSpace.ReplaceAllString(bidiMarks.ReplaceAllString(norm.NFKC.String(pdfText(t, b.Bytes())), ""), " ")
			for _, p := range phrases {
				if !strings.Contains(text, p) {
					t.Errorf("%q missing from the demo's PDF", p)
				}
			}
		})
	}
}

// demoMap checks the demo's map: shaded ids are r.Met, Bahrain a dot.
func demoMap(t *testing.T, r *Report) {
	t.Helper()
	out, err := MapSVG(r)
	if err != nil {
		t.Fatal(err)
	}
	var shaded []string
	for _, id := range regexpShaded.FindAllSubmatch(out, -1) {
		shaded = append(shaded, string(id[1]))
	}
	slices.Sort(shaded)
	met := slices.Sorted(slices.Values(r.Met))
	if !slices.Equal(shaded, met) {
		t.Errorf("shaded %v, met %v", shaded, met)
	}
	if !slices.Contains(met, "BH") || !bytes.Contains(out, []byte(`<circle id="BH" class="dot met"`)) {
		t.Error("Bahrain, met in Marrakech, is not a shaded dot")
	}
}

// demoXLSX checks the demo's workbook for the held meetings.
func demoXLSX(t *testing.T, r *Report) {
	t.Helper()
	var b bytes.Buffer
	if err := WriteXLSX(&b, r); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if held, _ := f.GetCellValue("Figures", "B4"); held != "43" {
		t.Errorf("held meetings in the workbook: %q, want 43", held)
	}
	regions, _ := f.GetRows("Regions")
	if len(regions) != len(r.ByRegion)+1 {
		t.Errorf("%d region rows for %d regions", len(regions)-1, len(r.ByRegion))
	}
}
