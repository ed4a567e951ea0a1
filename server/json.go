package server

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strings"
	"time"
	"unicode/utf8"
)

// Body limits: every request body, and the export document of an import.
const (
	defaultMaxBody = 1 << 20
	importMaxBody  = 32 << 20
)

// writeJSON writes v as the JSON body of a response with the given status.
// It encodes before writing so that a failure can still become a 500, and
// redacts first what the caller may not read (restricted.go).
func writeJSON(w http.ResponseWriter, status int, v any) error {
	redactBody(w, v)
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encoding the response: %w", err)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, err = w.Write(append(b, '\n'))
	return err
}

// mustJSON encodes a value built by the program itself.
func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}

// decode reads the request body as one JSON value into v, refusing unknown
// fields and trailing data. Its errors are invalid-input errors that name
// the field, or "body" with the line and column where reading stopped.
func decode(r *http.Request, v any) error {
	data, err := io.ReadAll(r.Body)
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge):
		return invalid("body", "is larger than the limit of %d bytes", tooLarge.Limit)
	case err != nil:
		return invalid("body", "could not be read: %v", err)
	case len(bytes.TrimSpace(data)) == 0:
		return invalid("body", "is empty: send a JSON object")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return decodeError(err, data, dec.InputOffset())
	}
	if _, err := dec.Token(); err != io.EOF {
		return invalid("body", "has more data after the JSON value at %s", position(data, dec.InputOffset()))
	}
	return nil
}

// decodeError turns an error of encoding/json into an invalid-input error
// naming the field at fault as the domain names fields (targets[0].start).
func decodeError(err error, data []byte, offset int64) error {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	var badTime *time.ParseError
	switch {
	case errors.As(err, &syntax):
		// Offset counts the byte that was not understood.
		return invalid("body", "is not valid JSON at %s: %s", position(data, syntax.Offset-1), syntax)
	case errors.As(err, &typ):
		field := fieldAt(data, func(_ json.Token, end int64) bool { return end >= typ.Offset })
		return invalid(field, "must be %s, not %s", jsonType(typ.Type), typ.Value)
	case errors.As(err, &badTime):
		field := fieldAt(data, func(tok json.Token, _ int64) bool { return tok == badTime.Value })
		return invalid(field, "must be %s, not %q", jsonType(reflect.TypeFor[time.Time]()), badTime.Value)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return invalid("body", "ends before the JSON value is complete")
	}
	msg := strings.TrimPrefix(err.Error(), "json: ")
	if name, ok := strings.CutPrefix(msg, "unknown field "); ok {
		return invalid(strings.Trim(name, `"`), "is not a known field")
	}
	return invalid("body", "%s (at %s)", msg, position(data, offset))
}

// jsonLevel is one object or array being walked by fieldAt.
type jsonLevel struct {
	array   bool
	key     string // the current key of an object
	index   int    // the current index of an array
	wantKey bool   // an object's next token is a key
}

// fieldAt walks the JSON of a body and returns the path of the first value
// for which found is true, given the value (or the delimiter opening it) and
// the offset where it ends; "body" when there is none or it is the whole.
func fieldAt(data []byte, found func(tok json.Token, end int64) bool) string {
	var stack []*jsonLevel
	dec := json.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := dec.Token()
		if err != nil {
			return "body"
		}
		var top *jsonLevel
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		switch d, _ := tok.(json.Delim); {
		case d == '}' || d == ']':
			stack = stack[:len(stack)-1]
			if len(stack) > 0 {
				stack[len(stack)-1].wantKey = !stack[len(stack)-1].array
			}
			continue
		case top != nil && top.wantKey:
			top.key, top.wantKey = tok.(string), false
			continue
		case top != nil && top.array:
			top.index++
		}
		if found(tok, dec.InputOffset()) {
			return jsonPath(stack)
		}
		if d, ok := tok.(json.Delim); ok {
			stack = append(stack, &jsonLevel{array: d == '[', index: -1, wantKey: d == '{'})
		} else if top != nil && !top.array {
			top.wantKey = true
		}
	}
}

// jsonPath writes the place fieldAt has reached as the domain writes field
// paths: targets[0].principal_id.
func jsonPath(stack []*jsonLevel) string {
	path := ""
	for _, l := range stack {
		switch {
		case l.array:
			path += fmt.Sprintf("[%d]", l.index)
		case path == "":
			path = l.key
		default:
			path += "." + l.key
		}
	}
	return cmp.Or(path, "body")
}

// position describes the character at a byte offset of data by its line
// and column, both counted from 1.
func position(data []byte, offset int64) string {
	before := data[:min(max(offset, 0), int64(len(data)))]
	line := bytes.Count(before, []byte("\n")) + 1
	column := utf8.RuneCount(before[bytes.LastIndexByte(before, '\n')+1:]) + 1
	return fmt.Sprintf("line %d, column %d", line, column)
}

// jsonType names the JSON a Go type is decoded from, for a message.
func jsonType(t reflect.Type) string {
	if t == reflect.TypeFor[time.Time]() {
		return "a date-time string such as \"2025-11-24T09:30:00Z\""
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "an integer"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.Pointer:
		return jsonType(t.Elem())
	}
	return "an object"
}
