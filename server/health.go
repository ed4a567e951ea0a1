package server

import (
	"net/http"
	"reflect"
)

// health is the body of the health check.
type health struct {
	Status string `json:"status"` // ok or unavailable
}

// healthz answers 200 when the database answers a ping and 503 when not.
func (s *Server) healthz() endpoint {
	return endpoint{
		reply:  reflect.TypeFor[health](),
		status: http.StatusOK,
		serve: func(w http.ResponseWriter, r *http.Request) error {
			if err := s.health.Ping(r.Context()); err != nil {
				s.log.WarnContext(r.Context(), "health check failed", "err", err)
				return writeJSON(w, http.StatusServiceUnavailable, health{Status: "unavailable"})
			}
			return writeJSON(w, http.StatusOK, health{Status: "ok"})
		},
	}
}
