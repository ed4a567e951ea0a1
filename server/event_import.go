package server

import (
	"fmt"
	"net/http"
	"reflect"

	"bilat"
)

// importEvent loads an export document, all or nothing, as a new event and
// answers 201 with that event. Documents are bigger than other bodies.
func (s *Server) importEvent() endpoint {
	return endpoint{
		body:    reflect.TypeFor[bilat.EventExport](),
		reply:   reflect.TypeFor[bilat.Event](),
		status:  http.StatusCreated,
		maxBody: importMaxBody,
		serve: func(w http.ResponseWriter, r *http.Request) error {
			var doc bilat.EventExport
			if err := decode(r, &doc); err != nil {
				return err
			}
			e, err := s.desk.ImportEvent(r.Context(), actor(r), &doc)
			if err != nil {
				return err
			}
			w.Header().Set("Location", fmt.Sprintf("%s/events/%d", api, e.ID))
			return writeJSON(w, http.StatusCreated, e)
		},
	}
}
