package report

import (
	"errors"
	"io"
)

// WritePDF draws the report as a PDF (A4), charts and map included.
func WritePDF(w io.Writer, r *Report) error { return errors.New("report: PDF not written yet") }
