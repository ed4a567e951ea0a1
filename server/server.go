// Package server is the HTTP face of the desk: the JSON API under /api/v1,
// its OpenAPI document and the health check, all served from one route
// table over the services of bilat.Desk.
//
// It owns routing, decoding, the mapping of bilat errors to statuses and the
// API's wire shapes (list pages, error bodies). It must not hold rules of the
// domain or touch storage other than through the services it is given.
package server

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"

	"bilat"
	"bilat/resolve"
)

// Resolver finds the partners and people a written name may mean.
type Resolver interface {
	Resolve(ctx context.Context, text string) (resolve.Result, error)
}

// Pinger reports whether the database answers.
type Pinger interface {
	Ping(ctx context.Context) error
}

// Server serves the API; it implements http.Handler.
type Server struct {
	desk    bilat.Desk
	names   Resolver
	health  Pinger
	log     *slog.Logger
	routes  []route
	mux     *http.ServeMux
	openapi []byte // the OpenAPI document, built once from routes
}

// New returns a server over the desk's services, the name resolver and the
// database's health check.
func New(desk bilat.Desk, names Resolver, health Pinger) *Server {
	s := &Server{desk: desk, names: names, health: health, log: slog.Default(), mux: http.NewServeMux()}
	s.routes = s.table()
	for _, rt := range s.routes {
		s.mux.Handle(rt.method+" "+rt.pattern, s.handler(rt))
	}
	s.openapi = mustJSON(s.document())
	return s
}

// ServeHTTP routes the request through the table.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mux.ServeHTTP(w, r)
}

// handler adapts one route to net/http: it bounds the body, recovers from
// panics and writes the error the route returns.
func (s *Server) handler(rt route) http.Handler {
	limit := rt.maxBody
	if limit == 0 {
		limit = defaultMaxBody
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			switch v := recover(); v {
			case nil:
			case http.ErrAbortHandler:
				panic(v)
			default:
				s.writeError(w, r, fmt.Errorf("panic: %v\n%s", v, debug.Stack()))
			}
		}()
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		if err := rt.serve(w, r); err != nil {
			s.writeError(w, r, err)
		}
	})
}

// actor is the one place that decides who a request acts as. Until accounts
// exist every call acts as the local user.
func actor(*http.Request) bilat.Actor {
	return bilat.LocalActor
}
