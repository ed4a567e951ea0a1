package report

import (
	_ "embed"
	"fmt"
	"image/color"
	"io"
	"strconv"

	"github.com/tdewolff/canvas"
	"github.com/tdewolff/canvas/renderers/pdf"
)

// The embedded fonts (DejaVu Sans, see fonts/README.md): the PDF never
// looks a font up on the machine.
var (
	//go:embed fonts/DejaVuSans.ttf
	fontRegular []byte
	//go:embed fonts/DejaVuSans-Bold.ttf
	fontBold []byte
)

// The page, in millimetres (A4).
const (
	pageW, pageH = 210.0, 297.0
	margin       = 18.0
	textW        = pageW - 2*margin
)

// pdfInk and the other colours of the PDF.
var (
	pdfInk   = canvas.Hex("#1f2933")
	pdfMuted = canvas.Hex("#52606d")
	pdfBar   = canvas.Hex(mapMet)
	pdfRule  = canvas.Hex("#c5ccd4")
)

// WritePDF draws the report as a PDF (A4): the title, the figures, the
// charts by region and by day, the map with the organisations met, and
// the tables by topic and of agreements. Arabic is laid out right to left,
// each line shaped by canvas and broken into lines here (canvas's own
// paragraph wrapper reverses the order of right-to-left words).
func WritePDF(w io.Writer, r *Report) error {
	fam := canvas.NewFontFamily("DejaVu Sans")
	if err := fam.LoadFont(fontRegular, 0, canvas.FontRegular); err != nil {
		return fmt.Errorf("report: the PDF's font: %w", err)
	}
	if err := fam.LoadFont(fontBold, 0, canvas.FontBold); err != nil {
		return fmt.Errorf("report: the PDF's bold font: %w", err)
	}
	p := pdf.New(w, pageW, pageH, nil)
	p.SetLang(r.Lang)
	p.SetInfo(pdfTitle(r), exportLabel(r.Lang, "title"), "", "", "bilat")
	d := &pdfDoc{pdf: p, ctx: canvas.NewContext(p), fam: fam, lang: r.Lang, rtl: r.Lang == "ar", y: margin}
	if err := d.report(r); err != nil {
		return err
	}
	return p.Close()
}

// report lays the sections out one after the other.
func (d *pdfDoc) report(r *Report) error {
	l := func(k string) string { return exportLabel(r.Lang, k) }
	d.text(d.face(18, true, pdfInk), pdfTitle(r))
	d.text(d.face(12, false, pdfMuted), l("title"))
	d.gap(4)
	d.heading(l("summary"), 20)
	for _, p := range summaryParagraphs(r) {
		d.paragraph(d.face(10.5, false, pdfInk), p, textW)
		d.gap(2)
	}
	d.heading(l("figures"), 20)
	rows := [][]string{}
	for _, f := range figureRows(r) {
		rows = append(rows, []string{f.label, strconv.Itoa(f.n)})
	}
	d.table([]float64{120, 30}, nil, rows)
	d.heading(l("by_region"), 20)
	var bars []pdfBarRow
	for _, g := range r.ByRegion {
		bars = append(bars, pdfBarRow{groupName(g, r.Lang), len(g.Members)})
	}
	d.bars(bars)
	d.heading(l("by_day"), 20)
	bars = nil
	for _, day := range r.ByDay {
		bars = append(bars, pdfBarRow{catalog().Locale(r.Lang).Day(day.Date), day.Held})
	}
	d.bars(bars)
	if err := d.worldMap(r); err != nil {
		return err
	}
	d.heading(l("by_topic"), 20)
	rows = nil
	for _, c := range r.ByTopic {
		rows = append(rows, []string{countName(c, r.Lang), strconv.Itoa(c.N)})
	}
	d.table([]float64{120, 30}, []string{l("topic"), l("meetings")}, rows)
	d.heading(l("agreements"), 20)
	if len(r.Agreements) == 0 {
		d.paragraph(d.face(10, false, pdfInk), l("no_agreements"), textW)
	}
	rows = nil
	for _, a := range r.Agreements {
		rows = append(rows, []string{kindName(r.Lang, a.Kind), a.Title, a.Scope, a.SignedOn, memberNames(a.Parties, r.Lang)})
	}
	if len(rows) > 0 {
		d.table([]float64{30, 42, 42, 22, 38}, []string{l("kind"), l("agreement"), l("scope"), l("signed_on"), l("parties")}, rows)
	}
	return nil
}

// pdfTitle is the event's name in the report's language.
func pdfTitle(r *Report) string {
	if r.Event == nil {
		return exportLabel(r.Lang, "title")
	}
	return Name{EN: r.Event.NameEN, FR: r.Event.NameFR, AR: r.Event.NameAR}.In(r.Lang)
}

// pdfDoc is a PDF being drawn from the top of a page down.
type pdfDoc struct {
	pdf  *pdf.PDF
	ctx  *canvas.Context
	fam  *canvas.FontFamily
	lang string
	rtl  bool
	y    float64 // from the top of the page to the top of the next line
}

// face is the family's face at size points.
func (d *pdfDoc) face(size float64, bold bool, c color.Color) *canvas.FontFace {
	style := canvas.FontRegular
	if bold {
		style = canvas.FontBold
	}
	return d.fam.Face(size, c, style)
}

// need starts a new page unless h millimetres are left on this one.
func (d *pdfDoc) need(h float64) {
	if d.y+h > pageH-margin {
		d.pdf.NewPage(pageW, pageH)
		d.y = margin
	}
}

// gap leaves h millimetres blank.
func (d *pdfDoc) gap(h float64) { d.y += h }

// heading starts a section, on a new page unless keep millimetres of
// the section fit under it, so that it never stands alone at a page's foot.
func (d *pdfDoc) heading(s string, keep float64) {
	d.gap(5)
	d.need(keep + 8)
	d.text(d.face(13, true, pdfInk), s)
	d.gap(1)
}

// text draws one line across the text width.
func (d *pdfDoc) text(face *canvas.FontFace, s string) {
	d.paragraph(face, s, textW)
}

// paragraph breaks s into lines of at most width and draws them.
func (d *pdfDoc) paragraph(face *canvas.FontFace, s string, width float64) {
	for _, line := range wrapWords(face, s, width) {
		h := face.Metrics().LineHeight
		d.need(h)
		d.cell(face, line, 0, width)
		d.y += h
	}
}

// cell draws one line of text at offset x from the start of the line
// (the left margin, or the right one in right-to-left), aligned to the
// start of a column of the given width.
func (d *pdfDoc) cell(face *canvas.FontFace, s string, x, width float64) {
	baseline := pageH - d.y - face.Metrics().Ascent
	// Lines are laid out from the left and placed by their width: canvas
	// misplaces the runs of a right-aligned line that mixes directions
	// (an Arabic line with a Latin name or a number).
	if d.rtl {
		// A line that opens with a number or a Latin name would otherwise
		// be ordered left to right: the mark makes the line's base
		// direction right to left.
		s = "\u200f" + s
	}
	t := canvas.NewTextLine(face, s, canvas.Left)
	if d.rtl {
		d.ctx.DrawText(pageW-margin-x-face.TextWidth(s), baseline, t)
		return
	}
	d.ctx.DrawText(margin+x, baseline, t)
}
