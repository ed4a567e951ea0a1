package server

import (
	"encoding/csv"
	"net/http"
	"strconv"

	"bilat"
)

// auditCSVBatch is how many entries the export reads from the store at a
// time (a variable so that a test can make the demo span several reads).
var auditCSVBatch = bilat.MaxLimit

// auditCSVHeader are the export's columns.
var auditCSVHeader = []string{"id", "at", "actor", "address", "action", "entity", "entity_id", "before", "after", "hash"}

// auditCSV exports the entries the filter selects, newest first, as UTF-8
// CSV opening with a byte-order mark, without which Excel reads the file
// in the machine's legacy code page and garbles Arabic and French names.
func (s *Server) auditCSV(w http.ResponseWriter, r *http.Request, v *view) error {
	f, err := readAuditFilter(r)
	if err != nil {
		return err
	}
	// Read the first page before writing anything, so that a failure can
	// still become an error page.
	f.Page = bilat.Page{Limit: auditCSVBatch}
	entries, total, err := s.desk.ListAudit(r.Context(), f)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="audit.csv"`)
	w.Write([]byte("\uFEFF"))
	cw := csv.NewWriter(w)
	cw.Write(auditCSVHeader)
	// Pages are read by offset, newest first: entries written meanwhile
	// shift the later pages, so an entry not older than the last one
	// written is a repeat and is skipped.
	last, read := int64(0), 0
	for len(entries) > 0 {
		for _, e := range entries {
			if last == 0 || e.ID < last {
				cw.Write(auditRecord(e))
				last = e.ID
			}
		}
		read += len(entries)
		if read >= total {
			break
		}
		f.Offset = read
		if entries, _, err = s.desk.ListAudit(r.Context(), f); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// auditRecord is one entry as a CSV row; instants are UTC with
// microseconds, as stored.
func auditRecord(e *bilat.AuditEntry) []string {
	return []string{strconv.FormatInt(e.ID, 10), e.At.UTC().Format("2006-01-02T15:04:05.000000Z"), e.Actor, e.Address, e.Action,
		e.Entity, strconv.FormatInt(e.EntityID, 10), string(e.Before), string(e.After), e.Hash}
}
