package server

import (
	"encoding/csv"
	"net/http"
	"strings"
)

// The lists' CSV exports. Every file opens with a UTF-8 byte-order mark,
// without which Excel reads it in the machine's legacy code page and
// garbles Arabic and French names. The column names are stable English
// identifiers, the same in every language, so that a formula or a script
// that reads the file keeps working whoever downloaded it; the values
// (names of countries, principals, topics) follow the reader's language,
// and times are in the event's time zone.
//
// A cell that starts with =, +, - or @ (or a tab or carriage return) is
// prefixed with an apostrophe: a spreadsheet would otherwise run it as a
// formula ("CSV injection"), and a request's notes or an action's text
// come from outside the office. A negative number is text like any other
// here: the lists hold none.

func (s *Server) csvPages() []pageRoute {
	return []pageRoute{
		{"GET", "/events/{event}/requests.csv", staff, s.csvRequests},
		{"GET", "/events/{event}/meetings.csv", staff, s.csvMeetings},
		{"GET", "/actions.csv", staff, s.csvActions},
		{"GET", "/agreements.csv", staff, s.csvAgreements},
	}
}

// csvFile writes a CSV answer: the byte-order mark, the header and the
// rows, each cell defused.
func csvFile(w http.ResponseWriter, name string, header []string, rows [][]string) error {
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Write([]byte("\uFEFF"))
	cw := csv.NewWriter(w)
	cw.Write(header)
	for _, row := range rows {
		for i, c := range row {
			row[i] = csvCell(c)
		}
		cw.Write(row)
	}
	cw.Flush()
	return cw.Error()
}

// csvCell defuses a cell a spreadsheet would take for a formula.
func csvCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// csvQuery reads a list's filter from the query with one of the API's
// filter readers, so that the file takes the same parameters as the list
// in the API (plus the page's lang); a value it cannot read is refused
// with 400 and the reason, as in the API.
func csvQuery[F any](r *http.Request, parent int64, read func(*query, int64) F) (F, error) {
	q := newQuery(r)
	q.text("lang", "the language of names: en, fr or ar")
	f := read(q, parent)
	return f, q.err()
}
