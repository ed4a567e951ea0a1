package server

import (
	"net/http"

	"bilat"
)

// exportEvent finds the event named by {event} and returns its export
// document, served by the generic get.
func (s *Server) exportEvent(r *http.Request) (*bilat.EventExport, error) {
	e, err := s.event(r)
	if err != nil {
		return nil, err
	}
	return s.desk.ExportEvent(r.Context(), e.ID)
}
