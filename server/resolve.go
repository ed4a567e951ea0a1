package server

import (
	"net/http"
	"reflect"

	"bilat/resolve"
)

// resolve serves what a written name may mean: partners and people, with
// the confidence of each match.
func (s *Server) resolve() endpoint {
	name := func(q *query) string { return q.need("q", "the name as written, such as \"Tchéquie\" or \"CZ\"") }
	return endpoint{
		reply:  reflect.TypeFor[resolve.Result](),
		status: http.StatusOK,
		query:  func(q *query) { name(q) },
		serve: func(w http.ResponseWriter, r *http.Request) error {
			q := newQuery(r)
			text := name(q)
			if err := q.err(); err != nil {
				return err
			}
			res, err := s.names.Resolve(r.Context(), text)
			if err != nil {
				return err
			}
			return writeJSON(w, http.StatusOK, res)
		},
	}
}
