package server

import (
	"context"
	"net/http"
	"strconv"

	"bilat"
)

// pathParams documents each wildcard the route patterns use.
var pathParams = map[string]param{
	"id":      {name: "id", doc: "record id", schema: &schema{Type: "integer", Format: "int64", Minimum: ptr(1)}},
	"event":   {name: "event", doc: "event id or slug, such as interpol-ga-2025", schema: &schema{Type: "string"}},
	"partner": {name: "partner", doc: "partner id or code, such as CZ or INTERPOL", schema: &schema{Type: "string"}},
	"code":    {name: "code", doc: "topic code, such as cybercrime", schema: &schema{Type: "string"}},
	"slug":    {name: "slug", doc: "region scheme slug, such as un-m49-continents", schema: &schema{Type: "string"}},
}

// pathID reads the {id} of the path.
func pathID(r *http.Request) (int64, error) {
	v := r.PathValue("id")
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id <= 0 {
		return 0, invalid("id", "must be a record id (a positive integer), not %q", v)
	}
	return id, nil
}

// byID finds a record by the {id} of the path.
func byID[T any](fetch func(context.Context, int64) (*T, error)) finder[T] {
	return func(r *http.Request) (*T, error) {
		id, err := pathID(r)
		if err != nil {
			return nil, err
		}
		return fetch(r.Context(), id)
	}
}

// byKey finds a record by a wildcard of the path holding either its id or
// its key (a code or a slug). A key made of digits is tried as an id first.
func byKey[T any](name string, fetchID func(context.Context, int64) (*T, error), fetchKey func(context.Context, string) (*T, error)) finder[T] {
	return func(r *http.Request) (*T, error) {
		v := r.PathValue(name)
		if id, err := strconv.ParseInt(v, 10, 64); err == nil && id > 0 {
			x, err := fetchID(r.Context(), id)
			if bilat.ErrorCode(err) != bilat.ENOTFOUND {
				return x, err
			}
		}
		return fetchKey(r.Context(), v)
	}
}

// byName finds a record by a wildcard of the path holding its key.
func byName[T any](name string, fetch func(context.Context, string) (*T, error)) finder[T] {
	return func(r *http.Request) (*T, error) { return fetch(r.Context(), r.PathValue(name)) }
}

// event finds the event named by {event}.
func (s *Server) event(r *http.Request) (*bilat.Event, error) {
	return byKey("event", s.desk.Event, s.desk.EventBySlug)(r)
}

// eventID is the id of the event named by {event}, the parent of an
// event's venues, rooms, sessions, delegations, principals and requests.
func (s *Server) eventID(r *http.Request) (int64, error) {
	e, err := s.event(r)
	if err != nil {
		return 0, err
	}
	return e.ID, nil
}

// meetingID is the id of the meeting named by {id}, the parent of its
// actions.
func (s *Server) meetingID(r *http.Request) (int64, error) {
	m, err := byID(s.desk.Meeting)(r)
	if err != nil {
		return 0, err
	}
	return m.ID, nil
}

// partner finds the partner named by {partner}, an id or a code.
func (s *Server) partner(r *http.Request) (*bilat.Partner, error) {
	return byKey("partner", s.desk.Partner, s.desk.PartnerByCode)(r)
}
