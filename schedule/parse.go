package schedule

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strings"
	"time"

	"bilat"
)

// ReadProblem reads a bilat-problem/1 document and validates it. Fields it
// does not know are ignored. A document that cannot be read as a problem,
// or that breaks the specification, gives an EINVALID *bilat.Error naming
// each place by its path.
func ReadProblem(r io.Reader) (*Problem, error) {
	var p Problem
	if err := decodeDocument(r, &p, "problem"); err != nil {
		return nil, err
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	return &p, nil
}

// ReadSchedule reads a bilat-schedule/1 document and checks its form (not
// its placements: that is Check's work, against the problem). Fields it
// does not know are ignored. Errors are as for ReadProblem.
func ReadSchedule(r io.Reader) (*Schedule, error) {
	var s Schedule
	if err := decodeDocument(r, &s, "schedule"); err != nil {
		return nil, err
	}
	if err := s.Validate(); err != nil {
		return nil, err
	}
	return &s, nil
}

// WriteSchedule writes s as indented JSON, with empty lists rather than
// null so that readers of the format find the lists they expect.
func WriteSchedule(w io.Writer, s *Schedule) error {
	out := *s
	if out.Assignments == nil {
		out.Assignments = []Assignment{}
	}
	if out.Unscheduled == nil {
		out.Unscheduled = []Unscheduled{}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(&out)
}

// decodeDocument reads one whole JSON document from r into v. A document
// that does not decode gives an EINVALID *bilat.Error whose problems say
// where: the field's path when the JSON is well formed, else the line and
// column in the body.
func decodeDocument(r io.Reader, v any, what string) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return fmt.Errorf("reading the %s: %w", what, err)
	}
	err = json.Unmarshal(data, v)
	if err == nil {
		return nil
	}
	return &bilat.Error{Code: bilat.EINVALID, Message: "unreadable " + what, Problems: decodeProblems(data, v, err)}
}

// decodeProblems describes why data did not decode into v.
func decodeProblems(data []byte, v any, err error) []bilat.Problem {
	var syntax *json.SyntaxError
	if errors.As(err, &syntax) {
		if len(bytes.TrimSpace(data)) == 0 {
			return []bilat.Problem{{Field: "body", Message: "is empty"}}
		}
		// The offset is just past the character in the way.
		line, col := lineColumn(data, max(syntax.Offset-1, 0))
		msg := fmt.Sprintf("line %d, column %d: %v", line, col, err)
		if syntax.Offset >= int64(len(data)) {
			msg += " (is the file truncated?)"
		}
		return []bilat.Problem{{Field: "body", Message: msg}}
	}
	// The JSON is well formed, so a value does not fit its field. The
	// decoder names the field without list indices, and not at all for a
	// time that does not parse, so find the values again along the types.
	var list []bilat.Problem
	typeProblems(data, reflect.TypeOf(v).Elem(), "", &list)
	if len(list) == 0 {
		list = []bilat.Problem{{Field: "body", Message: err.Error()}}
	}
	return list
}

// lineColumn returns the 1-based line and column of a byte offset.
func lineColumn(data []byte, offset int64) (line, col int) {
	offset = min(offset, int64(len(data)))
	before := data[:offset]
	line = bytes.Count(before, []byte("\n")) + 1
	col = int(offset) - (bytes.LastIndexByte(before, '\n') + 1) + 1
	return line, col
}

var timeType = reflect.TypeFor[time.Time]()

// typeProblems appends a problem for each value in the well-formed JSON
// raw that does not decode into type t, naming it by its path. It follows
// encoding/json's rules: unknown keys are ignored, null leaves the zero
// value, and keys match field names exactly or else without regard to case.
func typeProblems(raw []byte, t reflect.Type, path string, list *[]bilat.Problem) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if string(bytes.TrimSpace(raw)) == "null" {
		return
	}
	switch {
	case t.Kind() == reflect.Struct && t != timeType:
		var obj map[string]json.RawMessage
		if json.Unmarshal(raw, &obj) != nil {
			break
		}
		for i := range t.NumField() {
			name, value, ok := jsonField(t.Field(i), obj)
			if ok {
				typeProblems(value, t.Field(i).Type, joinPath(path, name), list)
			}
		}
		return
	case t.Kind() == reflect.Slice:
		var elems []json.RawMessage
		if json.Unmarshal(raw, &elems) != nil {
			break
		}
		for i, e := range elems {
			typeProblems(e, t.Elem(), fmt.Sprintf("%s[%d]", path, i), list)
		}
		return
	}
	if err := json.Unmarshal(raw, reflect.New(t).Interface()); err != nil {
		*list = append(*list, bilat.Problem{Field: cmp.Or(path, "body"), Message: typeMessage(t, raw)})
	}
}

// jsonField returns the name and the value of field f in obj, if present.
func jsonField(f reflect.StructField, obj map[string]json.RawMessage) (string, json.RawMessage, bool) {
	name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	if name == "-" || !f.IsExported() {
		return "", nil, false
	}
	if name == "" {
		name = f.Name
	}
	if v, ok := obj[name]; ok {
		return name, v, true
	}
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if strings.EqualFold(k, name) {
			return k, obj[k], true
		}
	}
	return "", nil, false
}

// typeMessage says what a value of type t must be, and what raw is.
func typeMessage(t reflect.Type, raw []byte) string {
	if t == timeType {
		return fmt.Sprintf("must be an RFC 3339 time with an offset, such as \"2025-11-24T09:30:00+01:00\", not %s", shorten(raw))
	}
	want := map[reflect.Kind]string{
		reflect.String: "a string", reflect.Bool: "true or false",
		reflect.Int: "a whole number", reflect.Int64: "a whole number",
		reflect.Float64: "a number", reflect.Slice: "a list", reflect.Struct: "an object",
	}[t.Kind()]
	if want == "" {
		want = "a " + t.String()
	}
	return fmt.Sprintf("must be %s, not %s", want, shorten(raw))
}

// shorten returns raw JSON for a message, cut if long.
func shorten(raw []byte) string {
	s := string(bytes.TrimSpace(raw))
	if r := []rune(s); len(r) > 40 {
		s = string(r[:40]) + "…"
	}
	return s
}

func joinPath(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}
