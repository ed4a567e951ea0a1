package server

import (
	"bilat"
	"net/http"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"unicode"
)

// apiVersion is the version of the API the OpenAPI document describes.
const apiVersion = "1.0.0"

// document is an OpenAPI 3.1 document.
type document struct {
	OpenAPI    string                           `json:"openapi"`
	Info       info                             `json:"info"`
	Paths      map[string]map[string]*operation `json:"paths"`
	Components components                       `json:"components"`
}

type info struct {
	Title       string `json:"title"`
	Version     string `json:"version"`
	Description string `json:"description"`
}

type components struct {
	SecuritySchemes map[string]any       `json:"securitySchemes"`
	Schemas         map[string]*schema   `json:"schemas"`
	Responses       map[string]*response `json:"responses"`
}

type operation struct {
	OperationID string               `json:"operationId"`
	Summary     string               `json:"summary"`
	Parameters  []parameter          `json:"parameters,omitempty"`
	RequestBody *requestBody         `json:"requestBody,omitempty"`
	Responses   map[string]*response `json:"responses"`
	// Roles lists the roles whose tokens may call the route (empty: anyone).
	Roles []string `json:"x-roles"`
	// Security names the token the route needs: bearer, with scope write
	// for a change; an empty list means no token is needed.
	Security []map[string][]string `json:"security"`
}

type parameter struct {
	Name        string  `json:"name"`
	In          string  `json:"in"`
	Description string  `json:"description"`
	Required    bool    `json:"required,omitempty"`
	Schema      *schema `json:"schema"`
}

type requestBody struct {
	Required bool                 `json:"required"`
	Content  map[string]mediaType `json:"content"`
}

// response is a response, or a reference to one of components.responses.
type response struct {
	Ref         string               `json:"$ref,omitempty"`
	Description string               `json:"description,omitempty"`
	Headers     map[string]header    `json:"headers,omitempty"`
	Content     map[string]mediaType `json:"content,omitempty"`
}

type header struct {
	Description string  `json:"description"`
	Schema      *schema `json:"schema"`
}

type mediaType struct {
	Schema *schema `json:"schema"`
}

// roleNames lists the roles a route admits, in the order of bilat.Roles.
func roleNames(a allow) []string {
	out := []string{}
	for _, r := range bilat.Roles {
		if a&anyone == 0 && a&roleBits[r] != 0 {
			out = append(out, string(r))
		}
	}
	return out
}

// changes reports whether a method changes the desk.
func changes(method string) bool { return method != http.MethodGet && method != http.MethodHead }

// openAPI serves the document New built from the route table.
func (s *Server) openAPI() endpoint {
	return endpoint{
		reply:  reflect.TypeFor[map[string]any](),
		status: http.StatusOK,
		serve: func(w http.ResponseWriter, r *http.Request) error {
			w.Header().Set("Content-Type", "application/json")
			_, err := w.Write(s.openapi)
			return err
		},
	}
}

// document describes every route of the table.
func (s *Server) document() document {
	g := newSchemas()
	doc := document{
		OpenAPI: "3.1.0",
		Info: info{
			Title:       "bilat API",
			Version:     apiVersion,
			Description: "The desk for bilateral meetings at international assemblies: partners, people, events, meeting requests, meetings, agreements and the audit trail.",
		},
		Paths: map[string]map[string]*operation{},
	}
	for _, rt := range s.routes {
		if doc.Paths[rt.pattern] == nil {
			doc.Paths[rt.pattern] = map[string]*operation{}
		}
		doc.Paths[rt.pattern][strings.ToLower(rt.method)] = describeRoute(rt, g)
	}
	errors := jsonContent(g.of(reflect.TypeFor[errorBody]()))
	doc.Components.Responses = map[string]*response{}
	for name, description := range errorResponses {
		doc.Components.Responses[name] = &response{Description: description, Content: errors}
	}
	doc.Components.Schemas = g.defs
	doc.Components.SecuritySchemes = map[string]any{
		"bearer": map[string]string{"type": "http", "scheme": "bearer", "description": "an API token of bilat token create; scope read for GET, write for changes"},
	}
	return doc
}

// errorResponses are the error responses operations refer to, by name.
var errorResponses = map[string]string{
	"Invalid":      "the input is invalid: every problem is listed with its field",
	"NotFound":     "the path names no record",
	"Unauthorized": "no valid API token: send \"Authorization: Bearer TOKEN\" (bilat token create); a wrong, expired or revoked token is refused",
	"Forbidden":    "the token's user may not call this route, or the token may only read",
	"Conflict":     "the change conflicts with the records: a stale version, a taken name, a move the status machine forbids, a double booking",
	"Unexpected":   "an unexpected error",
}

var wildcard = regexp.MustCompile(`\{(\w+)\}`)

// describeRoute is the operation of one route: its parameters, body and
// responses, errors included.
func describeRoute(rt route, g *schemas) *operation {
	op := &operation{
		OperationID: operationID(rt.summary),
		Summary:     rt.summary,
		Roles:       roleNames(rt.allow),
		Security:    []map[string][]string{},
		Responses:   map[string]*response{},
	}
	for _, m := range wildcard.FindAllStringSubmatch(rt.pattern, -1) {
		p := pathParams[m[1]]
		op.Parameters = append(op.Parameters, parameter{Name: m[1], In: "path", Description: p.doc, Required: true, Schema: p.schema})
	}
	inPath := len(op.Parameters) > 0
	if rt.query != nil {
		for _, p := range describe(rt.query) {
			op.Parameters = append(op.Parameters, parameter{Name: p.name, In: "query", Description: p.doc, Required: p.required, Schema: p.schema})
		}
	}
	if rt.body != nil {
		op.RequestBody = &requestBody{Required: true, Content: jsonContent(g.of(rt.body))}
	}
	success := &response{Description: http.StatusText(rt.status), Content: jsonContent(g.of(rt.reply))}
	if rt.status == http.StatusCreated {
		success.Headers = map[string]header{"Location": {Description: "where the new record is", Schema: &schema{Type: "string"}}}
	}
	op.Responses[strconv.Itoa(rt.status)] = success
	fail := func(status, name string, when bool) {
		if when {
			op.Responses[status] = &response{Ref: "#/components/responses/" + name}
		}
	}
	fail("400", "Invalid", len(op.Parameters) > 0 || rt.body != nil)
	fail("404", "NotFound", inPath)
	fail("409", "Conflict", changes(rt.method))
	if rt.allow&anyone == 0 {
		scope := []string{"read"}
		if changes(rt.method) {
			scope = []string{"write"}
		}
		op.Security = []map[string][]string{{"bearer": scope}}
		fail("401", "Unauthorized", true)
		fail("403", "Forbidden", true)
	}
	fail("default", "Unexpected", true)
	return op
}

func jsonContent(s *schema) map[string]mediaType {
	return map[string]mediaType{"application/json": {Schema: s}}
}

// operationID makes an identifier of a summary: "Get a meeting request"
// becomes getMeetingRequest. Words in parentheses are left out.
func operationID(summary string) string {
	summary, _, _ = strings.Cut(summary, "(")
	var b strings.Builder
	for _, word := range strings.Fields(summary) {
		switch strings.ToLower(word) {
		case "a", "an", "the", "this":
			continue
		}
		word = strings.Map(func(r rune) rune {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				return r
			}
			return -1
		}, word)
		if b.Len() == 0 {
			b.WriteString(strings.ToLower(word[:1]) + word[1:])
		} else {
			b.WriteString(capitalise(word))
		}
	}
	return b.String()
}
