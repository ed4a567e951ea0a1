package report

import (
	"errors"
	"io"
)

// WriteXLSX writes the report's tables as an Excel workbook.
func WriteXLSX(w io.Writer, r *Report) error { return errors.New("report: XLSX not written yet") }
