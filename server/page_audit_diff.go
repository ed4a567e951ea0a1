package server

import (
	"bytes"
	"encoding/json"
	"maps"
	"slices"
)

// auditChange is one field an audit entry changed, as text a person reads:
// Before is empty for a field created, After for one removed.
type auditChange struct {
	Field, Before, After string
}

// auditNoise are the bookkeeping fields every change moves; the page leaves
// them out (the CSV keeps the whole record).
var auditNoise = map[string]bool{"version": true, "created_at": true, "updated_at": true}

// auditChanges compares the before and after records of an entry field by
// field. A state that is not a JSON object (a list, a number) is shown
// whole under an empty field name.
func auditChanges(before, after json.RawMessage) []auditChange {
	b, okB := auditObject(before)
	a, okA := auditObject(after)
	if !okB || !okA {
		return []auditChange{{Before: auditText(before), After: auditText(after)}}
	}
	keys := slices.Sorted(maps.Keys(a))
	for k := range b {
		if _, ok := a[k]; !ok {
			keys = append(keys, k)
		}
	}
	var out []auditChange
	for _, k := range keys {
		if auditNoise[k] || bytes.Equal(b[k], a[k]) {
			continue
		}
		out = append(out, auditChange{Field: k, Before: auditText(b[k]), After: auditText(a[k])})
	}
	return out
}

// auditObject decodes a record; an absent one is an empty object.
func auditObject(raw json.RawMessage) (map[string]json.RawMessage, bool) {
	m := map[string]json.RawMessage{}
	if len(raw) == 0 || string(raw) == "null" {
		return m, true
	}
	return m, json.Unmarshal(raw, &m) == nil
}

// auditText is a value as text: a string without its quotes, anything
// else as compact JSON.
func auditText(raw json.RawMessage) string {
	if len(raw) == 0 || string(raw) == "null" {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var buf bytes.Buffer
	if json.Compact(&buf, raw) != nil {
		return string(raw)
	}
	return buf.String()
}
