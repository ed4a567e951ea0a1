package store

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"time"
)

// Instants are stored as UTC text of fixed width in both databases, so
// that they compare correctly as strings and read back identically.
const tsLayout = "2006-01-02T15:04:05.000000Z"

func ts(t time.Time) string { return t.UTC().Format(tsLayout) }

func nullTS(t *time.Time) any {
	if t == nil {
		return nil
	}
	return ts(*t)
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

func nullStr(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func text(src any) (string, bool, error) {
	switch v := src.(type) {
	case nil:
		return "", false, nil
	case string:
		return v, true, nil
	case []byte:
		return string(v), true, nil
	}
	return "", false, fmt.Errorf("unexpected column type %T", src)
}

// tsCol scans a stored instant.
type tsCol struct{ t *time.Time }

func (c tsCol) Scan(src any) error {
	s, ok, err := text(src)
	if err != nil || !ok {
		*c.t = time.Time{}
		return err
	}
	t, err := time.Parse(tsLayout, s)
	*c.t = t
	return err
}

// nullTSCol scans an optional instant.
type nullTSCol struct{ t **time.Time }

func (c nullTSCol) Scan(src any) error {
	s, ok, err := text(src)
	if err != nil || !ok {
		*c.t = nil
		return err
	}
	t, err := time.Parse(tsLayout, s)
	*c.t = &t
	return err
}

// strCol scans optional text, NULL as "".
type strCol struct{ s *string }

func (c strCol) Scan(src any) error {
	s, _, err := text(src)
	*c.s = s
	return err
}

// idCol scans an optional reference, NULL as 0.
type idCol struct{ id *int64 }

func (c idCol) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*c.id = 0
	case int64:
		*c.id = v
	case int32:
		*c.id = int64(v)
	default:
		return fmt.Errorf("unexpected id column type %T", src)
	}
	return nil
}

// jsonCol stores a small value (a list of aliases, a map) as JSON text.
type jsonCol struct{ v any }

func (c jsonCol) Value() (driver.Value, error) {
	b, err := json.Marshal(c.v)
	return string(b), err
}

func (c jsonCol) Scan(src any) error {
	s, ok, err := text(src)
	if err != nil || !ok || s == "" || s == "null" {
		return err
	}
	return json.Unmarshal([]byte(s), c.v)
}

// list returns xs, or an empty list for nil, so JSON shows [] not null.
func list[E any](xs []E) []E {
	if xs == nil {
		return []E{}
	}
	return xs
}
