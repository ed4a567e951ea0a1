package server

import (
	"context"
	"fmt"
	"net/http"
	"reflect"

	"bilat"
)

// apiFunc serves one request; an error it returns is written by writeError.
type apiFunc func(w http.ResponseWriter, r *http.Request) error

// endpoint is a handler together with what the OpenAPI document says of it.
type endpoint struct {
	serve   apiFunc
	body    reflect.Type // the request body; nil when there is none
	reply   reflect.Type // the body of a successful response
	status  int          // the status of a successful response
	query   func(*query) // reads the query parameters (see describe)
	maxBody int64        // the body limit; 0 means defaultMaxBody
}

// finder finds the record a request's path names.
type finder[T any] func(r *http.Request) (*T, error)

// lookup returns the id of the parent record a request's path names, such
// as the {event} of /events/{event}/venues.
type lookup func(r *http.Request) (int64, error)

// pager is every list filter: they all embed bilat.Page.
type pager interface{ Normalize() bilat.Page }

// page is the body of every list response.
type page[T any] struct {
	Items  []*T `json:"items"`
	Total  int  `json:"total"`
	Offset int  `json:"offset"`
	Limit  int  `json:"limit"`
}

// schemaName names the page in the OpenAPI document, such as PartnerPage.
func (page[T]) schemaName() string { return reflect.TypeFor[T]().Name() + "Page" }

func newPage[T any](items []*T, total int, p bilat.Page) page[T] {
	if items == nil {
		items = []*T{}
	}
	return page[T]{Items: items, Total: total, Offset: p.Offset, Limit: p.Limit}
}

// list serves a page of records chosen by a filter read from the query.
// When in is not nil the records belong to a parent the path names, and
// filter is given the parent's id; otherwise it is given 0.
func list[T any, F pager](in lookup, filter func(q *query, parent int64) F, fetch func(context.Context, F) ([]*T, int, error)) endpoint {
	return endpoint{
		reply:  reflect.TypeFor[page[T]](),
		status: http.StatusOK,
		query:  func(q *query) { filter(q, 0) },
		serve: func(w http.ResponseWriter, r *http.Request) error {
			parent, err := parentID(in, r)
			if err != nil {
				return err
			}
			q := newQuery(r)
			f := filter(q, parent)
			if err := q.err(); err != nil {
				return err
			}
			items, total, err := fetch(r.Context(), f)
			if err != nil {
				return err
			}
			return writeJSON(w, http.StatusOK, newPage(items, total, f.Normalize()))
		},
	}
}

// parentID returns the id of the record named in the path, or 0 for a
// route without a parent.
func parentID(in lookup, r *http.Request) (int64, error) {
	if in == nil {
		return 0, nil
	}
	return in(r)
}

// listAll serves a page of a short list the services return whole (topics,
// region schemes), paging it here so every list has the same shape.
func listAll[T any](fetch func(context.Context) ([]*T, error)) endpoint {
	return endpoint{
		reply:  reflect.TypeFor[page[T]](),
		status: http.StatusOK,
		query:  func(q *query) { q.page() },
		serve: func(w http.ResponseWriter, r *http.Request) error {
			q := newQuery(r)
			p := q.page()
			if err := q.err(); err != nil {
				return err
			}
			all, err := fetch(r.Context())
			if err != nil {
				return err
			}
			items := all[min(p.Offset, len(all)):min(p.Offset+p.Limit, len(all))]
			return writeJSON(w, http.StatusOK, newPage(items, len(all), p))
		},
	}
}

// get serves the record the path names.
func get[T any](find finder[T]) endpoint {
	return endpoint{
		reply:  reflect.TypeFor[T](),
		status: http.StatusOK,
		serve: func(w http.ResponseWriter, r *http.Request) error {
			x, err := find(r)
			if err != nil {
				return err
			}
			return writeJSON(w, http.StatusOK, x)
		},
	}
}

// create decodes a new record and saves it. When in is not nil the record
// belongs to the parent the path names: its parentField (a JSON name such
// as "event_id") is set from the path, and a body naming another parent is
// refused. The response is 201 with the record and its location.
func create[T any](in lookup, parentField string, save func(context.Context, bilat.Actor, *T) error, location func(*T) string) endpoint {
	var setParent func(*T, int64) error
	if in != nil {
		setParent = fieldSetter[T](parentField)
	}
	return endpoint{
		body:   reflect.TypeFor[T](),
		reply:  reflect.TypeFor[T](),
		status: http.StatusCreated,
		serve: func(w http.ResponseWriter, r *http.Request) error {
			parent, err := parentID(in, r)
			if err != nil {
				return err
			}
			x := new(T)
			if err := decode(r, x); err != nil {
				return err
			}
			if in != nil {
				if err := setParent(x, parent); err != nil {
					return err
				}
			}
			if err := save(r.Context(), actor(r), x); err != nil {
				return err
			}
			w.Header().Set("Location", location(x))
			return writeJSON(w, http.StatusCreated, x)
		},
	}
}

// update replaces the record the path names with the body, which must carry
// the version it was read at; the services refuse a stale one.
func update[T any](find finder[T], save func(context.Context, bilat.Actor, *T) error) endpoint {
	record := recordOf[T]()
	return endpoint{
		body:   reflect.TypeFor[T](),
		reply:  reflect.TypeFor[T](),
		status: http.StatusOK,
		serve: func(w http.ResponseWriter, r *http.Request) error {
			current, err := find(r)
			if err != nil {
				return err
			}
			x := new(T)
			if err := decode(r, x); err != nil {
				return err
			}
			id := record(current).ID
			if body := record(x).ID; body != 0 && body != id {
				return invalid("id", "is %d but the path names record %d", body, id)
			}
			record(x).ID = id
			if err := save(r.Context(), actor(r), x); err != nil {
				return err
			}
			return writeJSON(w, http.StatusOK, x)
		},
	}
}

// transition applies a change of status of type B to the record whose id
// the path names and serves the record as it now is.
func transition[T, B any](apply func(context.Context, bilat.Actor, int64, B) (*T, error)) endpoint {
	return endpoint{
		body:   reflect.TypeFor[B](),
		reply:  reflect.TypeFor[T](),
		status: http.StatusOK,
		serve: func(w http.ResponseWriter, r *http.Request) error {
			id, err := pathID(r)
			if err != nil {
				return err
			}
			var t B
			if err := decode(r, &t); err != nil {
				return err
			}
			x, err := apply(r.Context(), actor(r), id, t)
			if err != nil {
				return err
			}
			return writeJSON(w, http.StatusOK, x)
		},
	}
}

// recordOf returns an accessor of the bilat.Record every entity embeds. It
// panics when T has none, which New meets at start-up.
func recordOf[T any]() func(*T) *bilat.Record {
	f, ok := reflect.TypeFor[T]().FieldByName("Record")
	if !ok || f.Type != reflect.TypeFor[bilat.Record]() {
		panic(fmt.Sprintf("server: %v embeds no bilat.Record", reflect.TypeFor[T]()))
	}
	return func(x *T) *bilat.Record {
		return reflect.ValueOf(x).Elem().FieldByIndex(f.Index).Addr().Interface().(*bilat.Record)
	}
}

// fieldSetter returns a function setting the int64 field of T with the JSON
// name to the id the path gives, refusing a body that names another. It
// panics when T has no such field, which New meets at start-up.
func fieldSetter[T any](name string) func(*T, int64) error {
	var index []int
	for _, f := range reflect.VisibleFields(reflect.TypeFor[T]()) {
		if jsonName(f) == name && f.Type.Kind() == reflect.Int64 {
			index = f.Index
		}
	}
	if index == nil {
		panic(fmt.Sprintf("server: %v has no int64 field %q", reflect.TypeFor[T](), name))
	}
	return func(x *T, id int64) error {
		f := reflect.ValueOf(x).Elem().FieldByIndex(index)
		if body := f.Int(); body != 0 && body != id {
			return invalid(name, "is %d but the path names %d", body, id)
		}
		f.SetInt(id)
		return nil
	}
}

// at returns the location of a record at prefix followed by its id.
func at[T any](prefix string) func(*T) string {
	record := recordOf[T]()
	return func(x *T) string { return fmt.Sprintf("%s/%d", prefix, record(x).ID) }
}
