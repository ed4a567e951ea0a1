package server

import (
	"net/http"

	"bilat"
)

// Restricted notes are read by administrators and desk officers only
// (bilat.Redact). The server redacts at the two places every response
// passes through, so that no page or endpoint can forget it: writeJSON for
// the API, and execute for the pages. Both fail closed: a body written for
// an unknown reader is redacted as for someone not signed in.

// audience is the role a response is written for: the user's, or none.
func audience(u *bilat.User) bilat.Role {
	if u == nil {
		return ""
	}
	return u.Role
}

// audienceWriter carries the API caller's role to writeJSON.
type audienceWriter struct {
	http.ResponseWriter
	role bilat.Role
}

// Unwrap lets http.ResponseController reach the connection's writer.
func (w audienceWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// withAudience marks the response of an API request with its caller's role.
func withAudience(w http.ResponseWriter, r *http.Request) http.ResponseWriter {
	return audienceWriter{ResponseWriter: w, role: audience(userOf(r))}
}

// redactBody blanks in a JSON body what its reader may not read.
func redactBody(w http.ResponseWriter, v any) {
	var role bilat.Role
	if aw, ok := w.(audienceWriter); ok {
		role = aw.role
	}
	bilat.Redact(role, v)
}

// redactView blanks in a page's data what its reader may not read.
func redactView(v *view) {
	role := audience(v.User)
	bilat.Redact(role, v.Event)
	bilat.Redact(role, v.Data)
}

// restrictedValue is the form value of a notes_restricted checkbox.
func restrictedValue(restricted bool) []string {
	if restricted {
		return []string{"on"}
	}
	return nil
}

// restrictedChecked reads the notes_restricted checkbox of a posted form.
func restrictedChecked(f *form) bool { return f.Value("notes_restricted") != "" }
