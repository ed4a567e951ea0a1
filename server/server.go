// Package server is the HTTP face of the desk: the web pages (server-rendered
// with html/template and htmx, in English, French and Arabic), the JSON API
// under /api/v1, its OpenAPI document and the health check. Pages and API
// are two faces of the same services of bilat.Desk, each served from a
// route table with the access it needs beside each route.
//
// It owns routing, decoding, templates, static files, the mapping of bilat
// errors to statuses and the API's wire shapes (list pages, error bodies).
// It must not hold rules of the domain or touch storage other than through
// the services it is given.
package server

import (
	"context"
	"fmt"
	"github.com/alexedwards/scs/v2"
	"log/slog"
	"net/http"
	"runtime/debug"

	"bilat"
	"bilat/i18n"
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
	secured http.Handler
	openapi []byte // the OpenAPI document, built once from routes
	views   *views

	cfg      Config
	sessions *scs.SessionManager
	logins   loginLimiter
}

// New returns a server over the desk's services, the name resolver and the
// database's health check.
func New(desk bilat.Desk, names Resolver, health Pinger, cfg Config) *Server {
	views, err := newViews(i18n.MustLoad())
	if err != nil {
		panic(err) // the templates are embedded: a broken one is a bug
	}
	s := &Server{desk: desk, names: names, health: health, log: slog.Default(), mux: http.NewServeMux(), views: views,
		cfg: cfg, sessions: sessionManager(cfg)}
	s.routes = s.table()
	for _, rt := range s.routes {
		s.mux.Handle(rt.method+" "+rt.pattern, s.handler(rt))
	}
	for _, p := range s.pageTable() {
		s.mux.Handle(p.method+" "+p.pattern, s.pageHandler(p))
	}
	s.mux.Handle("GET /static/", staticFiles())
	s.openapi = mustJSON(s.document())
	s.secured = secure(s.mux)
	return s
}

// ServeHTTP routes the request through the tables.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.secured.ServeHTTP(w, r)
}

// handler adapts one route to net/http: it bounds the body, recovers from
// panics and writes the error the route returns.
func (s *Server) handler(rt route) http.Handler {
	limit := rt.maxBody
	if limit == 0 {
		limit = defaultMaxBody
	}
	return s.recovering(func(w http.ResponseWriter, r *http.Request) error {
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		r, err := s.identifyAPI(r)
		if err != nil {
			return err
		}
		if err := checkAPI(rt.allow, r); err != nil {
			return err
		}
		return rt.serve(withAudience(w, r), r)
	})
}

// recovering turns a panic or a returned error into an error response.
func (s *Server) recovering(serve apiFunc) http.Handler {
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
		if err := serve(w, r); err != nil {
			s.writeError(w, r, err)
		}
	})
}
