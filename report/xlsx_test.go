package report

import (
	"bytes"
	"slices"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestXLSXReadsBack(t *testing.T) {
	cases := map[string][]string{
		"en": {"Meetings held", "Europe", "Malta, Norway", "Cybercrime", "Norway"},
		"fr": {"Entretiens tenus", "Europe", "Malte, Norvège", "Cybercriminalité", "Norvège"},
		"ar": {"اللقاءات المنعقدة", "أوروبا", "مالطة، النرويج", "الجريمة السيبرانية", "النرويج"},
	}
	for lang, want := range cases {
		t.Run(lang, func(t *testing.T) {
			var b bytes.Buffer
			if err := WriteXLSX(&b, sample(lang)); err != nil {
				t.Fatal(err)
			}
			f, err := excelize.OpenReader(&b)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if got := f.GetSheetList(); !slices.Equal(got, []string{"Figures", "Regions", "Topics", "Days", "Agreements", "Summary"}) {
				t.Errorf("sheets %v", got)
			}
			cell := func(sheet, at string) string {
				v, err := f.GetCellValue(sheet, at)
				if err != nil {
					t.Fatal(err)
				}
				return v
			}
			checks := []struct{ sheet, at, want string }{
				{"Figures", "A4", want[0]}, {"Figures", "B4", "5"}, {"Figures", "B7", "43"},
				{"Regions", "A2", want[1]}, {"Regions", "B2", "2"}, {"Regions", "C2", want[2]},
				{"Topics", "A2", want[3]}, {"Topics", "B2", "3"},
				{"Days", "A3", "2025-11-25"}, {"Days", "B3", "3"},
				{"Agreements", "B2", "MoU on police cooperation"}, {"Agreements", "D2", "2025-11-25"}, {"Agreements", "E2", want[4]},
			}
			for _, c := range checks {
				if got := cell(c.sheet, c.at); got != c.want {
					t.Errorf("%s!%s = %q, want %q", c.sheet, c.at, got, c.want)
				}
			}
			if got := cell("Summary", "A2"); got == "" {
				t.Error("the summary sheet is empty")
			}
			style, err := f.GetCellStyle("Regions", "A1")
			if err != nil || style == 0 {
				t.Errorf("the header has no style (%d, %v)", style, err)
			}
			for _, sheet := range f.GetSheetList() {
				view, err := f.GetSheetView(sheet, 0)
				if err != nil {
					t.Fatal(err)
				}
				if rtl := view.RightToLeft != nil && *view.RightToLeft; rtl != (lang == "ar") {
					t.Errorf("%s right to left: %v", sheet, rtl)
				}
			}
		})
	}
}

func TestXLSXWithoutClaimOrAgreements(t *testing.T) {
	r := sample("en")
	r.Figures.Claimed, r.Agreements, r.Saved = 0, nil, "Edited."
	var b bytes.Buffer
	if err := WriteXLSX(&b, r); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows("Figures")
	if len(rows) != 6 {
		t.Errorf("figures without a claim: %d rows, want the header and 5", len(rows))
	}
	if got, _ := f.GetCellValue("Summary", "A2"); got != "Edited." {
		t.Errorf("the summary sheet shows %q, not the saved summary", got)
	}
	rows, _ = f.GetRows("Agreements")
	if len(rows) != 1 {
		t.Errorf("no agreements: %d rows, want the header alone", len(rows))
	}
}
