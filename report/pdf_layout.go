package report

import (
	"image/color"
	"strconv"
	"strings"

	"github.com/tdewolff/canvas"
)

// wrapWords breaks s into lines no wider than width, keeping the words in
// their logical order: each line is then shaped and ordered as a whole by
// canvas.NewTextLine, which is right for both directions. A word wider
// than the line stands alone.
func wrapWords(face *canvas.FontFace, s string, width float64) []string {
	var lines []string
	for _, para := range strings.Split(s, "\n") {
		line := ""
		for _, word := range strings.Fields(para) {
			try := word
			if line != "" {
				try = line + " " + word
			}
			if line != "" && face.TextWidth(try) > width {
				lines = append(lines, line)
				try = word
			}
			line = try
		}
		lines = append(lines, line)
	}
	return lines
}

// table draws rows in columns of the given widths, under a bold header
// when there is one; a cell too long for its column wraps.
func (d *pdfDoc) table(widths []float64, header []string, rows [][]string) {
	body := d.face(9.5, false, pdfInk)
	if header != nil {
		d.row(d.face(9.5, true, pdfInk), widths, header)
	}
	for _, r := range rows {
		d.row(body, widths, r)
	}
}

// row draws one row of a table and a rule under it.
func (d *pdfDoc) row(face *canvas.FontFace, widths []float64, cells []string) {
	h := face.Metrics().LineHeight
	wrapped := make([][]string, len(cells))
	n := 1
	for i, c := range cells {
		wrapped[i] = wrapWords(face, c, widths[i]-2)
		n = max(n, len(wrapped[i]))
	}
	d.need(float64(n)*h + 2)
	top := d.y
	for line := range n {
		x := 0.0
		for i := range cells {
			if line < len(wrapped[i]) {
				d.cell(face, wrapped[i][line], x, widths[i])
			}
			x += widths[i]
		}
		d.y += h
	}
	d.y = top + float64(n)*h + 1
	total := 0.0
	for _, w := range widths {
		total += w
	}
	d.rule(total)
	d.y++
}

// rule draws a thin line under the current line, from its start.
func (d *pdfDoc) rule(width float64) {
	x := margin
	if d.rtl {
		x = pageW - margin - width
	}
	d.ctx.SetFillColor(canvas.Transparent)
	d.ctx.SetStrokeColor(pdfRule)
	d.ctx.SetStrokeWidth(0.2)
	d.ctx.DrawPath(x, pageH-d.y, canvas.Line(width, 0))
}

// pdfBarRow is one bar of a chart: its label and its number.
type pdfBarRow struct {
	label string
	n     int
}

// bars draws a horizontal bar chart: the label, a bar scaled to the
// largest number, and the number at the bar's end.
func (d *pdfDoc) bars(rows []pdfBarRow) {
	const labelW, barW, barH = 55.0, 100.0, 4.0
	most := 1
	for _, r := range rows {
		most = max(most, r.n)
	}
	face := d.face(9.5, false, pdfInk)
	for _, r := range rows {
		d.need(barH + 2)
		d.cell(face, r.label, 0, labelW)
		w := barW * float64(r.n) / float64(most)
		x := margin + labelW
		if d.rtl {
			x = pageW - margin - labelW - w
		}
		d.ctx.SetStrokeColor(canvas.Transparent)
		d.ctx.SetFillColor(pdfBar)
		d.ctx.DrawPath(x, pageH-d.y-barH, canvas.Rectangle(w, barH))
		d.cell(face, strconv.Itoa(r.n), labelW+w+2, 15)
		d.y += barH + 2
	}
}

// worldMap draws the map across the text width on a page of its own
// section, then the organisations met under it.
func (d *pdfDoc) worldMap(r *Report) error {
	m, err := worldMap()
	if err != nil {
		return err
	}
	scale := textW / m.Width
	h := m.Height * scale
	d.heading(exportLabel(r.Lang, "map.title"), h+12)
	met := make(map[string]bool, len(r.Met))
	for _, c := range r.Met {
		met[c] = true
	}
	// SVG's y goes down, the PDF's up: flip about the map's top edge.
	at := canvas.Identity.Translate(margin, pageH-d.y).Scale(scale, -scale)
	d.ctx.SetStrokeColor(canvas.White)
	d.ctx.SetStrokeWidth(0.1)
	for _, p := range m.Paths {
		path, err := canvas.ParseSVGPath(p.D)
		if err != nil {
			return err
		}
		d.ctx.SetFillColor(mapFill(met[p.ID], mapLand))
		d.ctx.DrawPath(0, 0, path.Transform(at))
	}
	d.ctx.SetStrokeColor(canvas.Transparent)
	for _, dot := range m.Dots {
		radius := dot.R * scale
		if met[dot.ID] {
			radius *= 1.7
		}
		x, y := at.Dot(canvas.Point{X: dot.X, Y: dot.Y}).X, at.Dot(canvas.Point{X: dot.X, Y: dot.Y}).Y
		d.ctx.SetFillColor(mapFill(met[dot.ID], mapDotLand))
		d.ctx.DrawPath(x, y, canvas.Circle(radius))
	}
	d.y += h + 2
	d.text(d.face(11, true, pdfInk), exportLabel(r.Lang, "map.organisations"))
	if len(r.Organisations) == 0 {
		d.text(d.face(9.5, false, pdfInk), exportLabel(r.Lang, "map.none"))
	}
	for _, o := range r.Organisations {
		d.text(d.face(9.5, false, pdfInk), o.In(r.Lang))
	}
	return nil
}

// mapFill is a country's colour: shaded when met.
func mapFill(met bool, land string) color.Color {
	if met {
		return canvas.Hex(mapMet)
	}
	return canvas.Hex(land)
}
