package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"
)

// The workbook's sheets. Their names stay in English in every language so
// that a formula or a script reading the workbook finds them; the headers
// inside follow the reader's language.
const (
	sheetFigures    = "Figures"
	sheetRegions    = "Regions"
	sheetTopics     = "Topics"
	sheetDays       = "Days"
	sheetAgreements = "Agreements"
	sheetSummary    = "Summary"
)

// WriteXLSX writes the report's tables as an Excel workbook: one sheet per
// table, a bold shaded header row, right to left for an Arabic reader.
func WriteXLSX(w io.Writer, r *Report) (err error) {
	f := excelize.NewFile()
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	header, err := f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDE3EA"}},
		Alignment: &excelize.Alignment{Vertical: "top"},
	})
	if err != nil {
		return err
	}
	for i, s := range xlsxSheets(r) {
		if i == 0 {
			err = f.SetSheetName("Sheet1", s.name)
		} else {
			_, err = f.NewSheet(s.name)
		}
		if err == nil {
			err = xlsxWriteSheet(f, s, header, r.Lang == "ar")
		}
		if err != nil {
			return fmt.Errorf("report: sheet %s: %w", s.name, err)
		}
	}
	return f.Write(w)
}

// xlsxSheet is one table: its name, its header and its rows.
type xlsxSheet struct {
	name   string
	header []string
	rows   [][]any
	widths []float64
}

// xlsxSheets lays the report out as tables.
func xlsxSheets(r *Report) []xlsxSheet {
	l := func(k string) string { return exportLabel(r.Lang, k) }
	figures := xlsxSheet{name: sheetFigures, header: []string{l("figures"), ""}, widths: []float64{36, 12}}
	for _, fig := range figureRows(r) {
		figures.rows = append(figures.rows, []any{fig.label, fig.n})
	}
	regions := xlsxSheet{name: sheetRegions, header: []string{l("region"), l("counterparts"), l("members")}, widths: []float64{28, 14, 90}}
	for _, g := range r.ByRegion {
		regions.rows = append(regions.rows, []any{groupName(g, r.Lang), len(g.Members), memberNames(g.Members, r.Lang)})
	}
	topics := xlsxSheet{name: sheetTopics, header: []string{l("topic"), l("meetings")}, widths: []float64{40, 12}}
	for _, c := range r.ByTopic {
		topics.rows = append(topics.rows, []any{countName(c, r.Lang), c.N})
	}
	days := xlsxSheet{name: sheetDays, header: []string{l("day"), l("meetings")}, widths: []float64{14, 12}}
	for _, d := range r.ByDay {
		days.rows = append(days.rows, []any{d.Date.Format("2006-01-02"), d.Held})
	}
	agreements := xlsxSheet{name: sheetAgreements, header: []string{l("kind"), l("agreement"), l("scope"), l("signed_on"), l("parties")},
		widths: []float64{28, 50, 50, 12, 50}}
	for _, a := range r.Agreements {
		agreements.rows = append(agreements.rows, []any{kindName(r.Lang, a.Kind), a.Title, a.Scope, a.SignedOn, memberNames(a.Parties, r.Lang)})
	}
	summary := xlsxSheet{name: sheetSummary, header: []string{l("summary")}, widths: []float64{120}}
	for _, p := range summaryParagraphs(r) {
		summary.rows = append(summary.rows, []any{p})
	}
	return []xlsxSheet{figures, regions, topics, days, agreements, summary}
}

// xlsxWriteSheet fills one sheet.
func xlsxWriteSheet(f *excelize.File, s xlsxSheet, header int, rtl bool) error {
	rows := append([][]any{toAny(s.header)}, s.rows...)
	for i, row := range rows {
		cell, err := excelize.CoordinatesToCellName(1, i+1)
		if err != nil {
			return err
		}
		if err := f.SetSheetRow(s.name, cell, &row); err != nil {
			return err
		}
	}
	last, err := excelize.CoordinatesToCellName(len(s.header), 1)
	if err != nil {
		return err
	}
	if err := f.SetCellStyle(s.name, "A1", last, header); err != nil {
		return err
	}
	for i, wd := range s.widths {
		col, err := excelize.ColumnNumberToName(i + 1)
		if err != nil {
			return err
		}
		if err := f.SetColWidth(s.name, col, col, wd); err != nil {
			return err
		}
	}
	return f.SetSheetView(s.name, 0, &excelize.ViewOptions{RightToLeft: &rtl})
}

func toAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// figureRow is one headline count with its label.
type figureRow struct {
	label string
	n     int
}

// figureRows are the headline counts in the reader's language; the
// announced figure only when there is one to compare with.
func figureRows(r *Report) []figureRow {
	l := func(k string) string { return exportLabel(r.Lang, k) }
	f := r.Figures
	rows := []figureRow{{l("fig.requests"), f.Requests}, {l("fig.accepted"), f.Accepted}, {l("fig.held"), f.Held},
		{l("fig.counterparts"), f.Counterparts}, {l("fig.countries"), f.Countries}}
	if f.Claimed > 0 {
		rows = append(rows, figureRow{l("fig.claimed"), f.Claimed})
	}
	return rows
}

// groupName is a region's name in lang; the countries the scheme does
// not place are named as the summary names them.
func groupName(g Group, lang string) string {
	if g.Code == OtherRegion {
		return catalog().Locale(lang).T("report.summary.other_region")
	}
	return Name{EN: g.EN, FR: g.FR, AR: g.AR}.In(lang)
}

// countName is a topic's name in lang.
func countName(c Count, lang string) string {
	return Name{EN: c.EN, FR: c.FR, AR: c.AR}.In(lang)
}

// memberNames joins names in lang with the language's comma.
func memberNames(ns []Name, lang string) string {
	sep := ", "
	if lang == "ar" {
		sep = "، "
	}
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = n.In(lang)
	}
	return strings.Join(out, sep)
}
