package server

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"testing"

	"bilat"
)

// openAPIDoc is the part of the document the tests read.
type openAPIDoc struct {
	OpenAPI string `json:"openapi"`
	Info    struct{ Title, Version string }
	Paths   map[string]map[string]struct {
		OperationID string `json:"operationId"`
		Parameters  []struct {
			Name, In string
			Schema   map[string]any
		}
		Responses map[string]any
		Roles     []string `json:"x-roles"`
	}
	Components struct {
		Schemas   map[string]map[string]any
		Responses map[string]any
	}
}

func readDoc(t *testing.T, c client) (openAPIDoc, []byte) {
	w := c.call("GET", "/api/v1/openapi.json", nil, http.StatusOK, nil)
	var doc openAPIDoc
	if err := json.Unmarshal(w.Body.Bytes(), &doc); err != nil {
		t.Fatalf("the document is not JSON: %v", err)
	}
	return doc, w.Body.Bytes()
}

func TestOpenAPIDocument(t *testing.T) {
	c := newClient(t)
	doc, raw := readDoc(t, c)
	if doc.OpenAPI != "3.1.0" || doc.Info.Title != "bilat API" || doc.Info.Version == "" {
		t.Errorf("openapi %q, info %+v", doc.OpenAPI, doc.Info)
	}
	ids := map[string]bool{}
	for _, rt := range c.s.routes {
		op, ok := doc.Paths[rt.pattern][strings.ToLower(rt.method)]
		if !ok {
			t.Errorf("%s %s is not in the document", rt.method, rt.pattern)
			continue
		}
		if ids[op.OperationID] {
			t.Errorf("operationId %q is used twice", op.OperationID)
		}
		ids[op.OperationID] = true
		if _, ok := op.Responses[fmt.Sprint(rt.status)]; !ok {
			t.Errorf("%s %s: no %d response", rt.method, rt.pattern, rt.status)
		}
		for _, p := range op.Parameters {
			if p.Schema == nil {
				t.Errorf("%s %s: parameter %s (%s) has no schema", rt.method, rt.pattern, p.Name, p.In)
			}
		}
	}
	refs := regexp.MustCompile(`"\$ref":"#/components/(schemas|responses)/(\w+)"`).FindAllSubmatch(raw, -1)
	if len(refs) < len(c.s.routes) {
		t.Errorf("only %d references in the document", len(refs))
	}
	for _, m := range refs {
		if _, ok := doc.Components.Schemas[string(m[2])]; !ok && string(m[1]) == "schemas" {
			t.Errorf("$ref to missing schema %s", m[2])
		}
		if _, ok := doc.Components.Responses[string(m[2])]; !ok && string(m[1]) == "responses" {
			t.Errorf("$ref to missing response %s", m[2])
		}
	}
	for _, name := range []string{"Request", "Meeting", "EventExport", "RequestPage", "ErrorBody", "Transition", "AgreementTransition", "Result"} {
		if _, ok := doc.Components.Schemas[name]; !ok {
			t.Errorf("no schema %s", name)
		}
	}
}

func TestOpenAPISchemas(t *testing.T) {
	c := newClient(t)
	doc, _ := readDoc(t, c)
	props := func(name string) map[string]any {
		p, _ := doc.Components.Schemas[name]["properties"].(map[string]any)
		return p
	}
	request := props("Request")
	checks := []struct {
		name string
		got  any
		want string
	}{
		{"Request.id (embedded Record)", request["id"], `{"format":"int64","type":"integer"}`},
		{"Request.created_at", request["created_at"], `{"format":"date-time","type":"string"}`},
		{"Request.earliest (pointer)", request["earliest"], `{"format":"date-time","type":["string","null"]}`},
		{"Request.offer (pointer to struct)", request["offer"], `{"anyOf":[{"$ref":"#/components/schemas/Offer"},{"type":"null"}]}`},
		{"Request.targets", request["targets"], `{"items":{"$ref":"#/components/schemas/Target"},"type":"array"}`},
		{"Request.interpretation", request["interpretation"], `{"type":"boolean"}`},
		{"Request.status", request["status"], `{"enum":["requested","accepted","declined","withdrawn","scheduled","held","cancelled","no_show"],"type":"string"}`},
		{"RegionScheme.members", props("RegionScheme")["members"], `{"additionalProperties":{"type":"string"},"type":"object"}`},
		{"AuditEntry.after", props("AuditEntry")["after"], `{}`},
		{"Agreement.kind", props("Agreement")["kind"], `{"enum":["memorandum_of_understanding","agreement","letter_of_intent","protocol","exchange_of_letters","other"],"type":"string"}`},
	}
	for _, ch := range checks {
		if got, _ := json.Marshal(ch.got); string(got) != ch.want {
			t.Errorf("%s: %s, want %s", ch.name, got, ch.want)
		}
	}
	var priority map[string]any
	for _, p := range doc.Paths["/api/v1/events/{event}/requests"]["get"].Parameters {
		if p.Name == "priority" && p.In == "query" {
			priority = p.Schema
		}
	}
	if priority["minimum"] != 1.0 || priority["maximum"] != 5.0 {
		t.Errorf("priority parameter: %v", priority)
	}
}

// TestEveryDocumentedRouteAnswers calls every path and method of the
// document a desk officer may call, with ids of real records: each must
// reach its handler (not the mux's 404 or 405), answer JSON, and reads must
// succeed. The portal's routes, for liaisons only, are called by the
// portal's tests; the role matrix checks that they refuse everyone else.
func TestEveryDocumentedRouteAnswers(t *testing.T) {
	c := newClient(t)
	w := newWorld(c)
	values := plausibleIDs(c, w)
	doc, _ := readDoc(t, c)
	for pattern, ops := range doc.Paths {
		for method, op := range ops {
			if len(op.Roles) > 0 && !slices.Contains(op.Roles, string(bilat.RoleDesk)) {
				continue
			}
			method = strings.ToUpper(method)
			path := wildcard.ReplaceAllStringFunc(pattern, func(m string) string {
				if m == "{id}" {
					return values[strings.Split(pattern, "/")[3]]
				}
				return values[m]
			})
			if pattern == "/api/v1/resolve" {
				path += "?q=Czechia"
			}
			var body any
			if method != "GET" {
				body = `{}`
			}
			r := httptest.NewRequest(method, path, nil)
			if _, matched := c.s.mux.Handler(r); matched != method+" "+pattern {
				t.Errorf("%s %s reaches %q", method, path, matched)
			}
			resp := c.do(method, path, body)
			if !strings.HasPrefix(resp.Header().Get("Content-Type"), "application/json") || resp.Code >= 500 {
				t.Errorf("%s %s: %d %s %s", method, path, resp.Code, resp.Header().Get("Content-Type"), resp.Body)
			}
			if method == "GET" && resp.Code != http.StatusOK {
				t.Errorf("%s %s: %d %s", method, path, resp.Code, resp.Body)
			}
		}
	}
}

// plausibleIDs gives a value for each wildcard: {id} by the collection it
// follows, the others by name.
func plausibleIDs(c client, w *world) map[string]string {
	events := "/api/v1/events/" + w.event.Slug
	r := post[bilat.Request](c, events+"/requests", w.request(0, 0, 3))
	r = move(c, r, bilat.Transition{To: bilat.StatusAccepted}, http.StatusOK)
	move(c, r, schedule(day(10, 0), w.rooms[0]), http.StatusOK)
	m := listOf[bilat.Meeting](c, events+"/meetings").Items[0]
	s := bilat.ProgrammeSession{Kind: bilat.SessionPlenary, Title: "Opening", Start: day(8, 0), End: day(9, 0)}
	ids := map[string]int64{
		"venues":      w.venue.ID,
		"rooms":       w.rooms[0].ID,
		"principals":  w.principals[0].ID,
		"delegations": w.delegations[0].ID,
		"requests":    r.ID,
		"meetings":    m.ID,
		"people":      post[bilat.Person](c, "/api/v1/people", bilat.Person{PartnerID: w.cz.ID, Name: "Liaison"}).ID,
		"sessions":    post[bilat.ProgrammeSession](c, events+"/sessions", s).ID,
		"actions":     post[bilat.Action](c, fmt.Sprintf("/api/v1/meetings/%d/actions", m.ID), bilat.Action{Description: "follow up", OwnerName: "desk", Status: bilat.ActionOpen}).ID,
		"agreements":  post[bilat.Agreement](c, "/api/v1/agreements", bilat.Agreement{Kind: "other", Title: "Letter", Parties: []int64{w.cz.ID}, Status: bilat.AgreementDraft}).ID,
	}
	values := map[string]string{"{event}": w.event.Slug, "{partner}": "CZ", "{code}": "cybercrime", "{slug}": "interpol"}
	for k, id := range ids {
		values[k] = fmt.Sprint(id)
	}
	return values
}
