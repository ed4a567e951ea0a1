package schedule_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"bilat"
	"bilat/schedule"
)

// smallProblem is a valid problem document with a field no version of the
// format knows.
const smallProblem = `{
  "format": "bilat-problem/1",
  "timezone": "Europe/Paris",
  "windows": [{"start": "2025-11-24T09:00:00+01:00", "end": "2025-11-24T12:00:00Z"}],
  "rooms": [{"id": "R1", "capacity": 2}],
  "people": [{"id": "A"}, {"id": "B"}],
  "meetings": [{"id": "m1", "attendees": ["A", "B"], "duration_minutes": 30, "earliest": "2025-11-24T09:00:00+01:00"}],
  "colour": {"of": "the desk"}
}`

func TestReadProblem(t *testing.T) {
	tests := []struct {
		name, old, new string // the change to smallProblem
		field, msg     string // the first problem; "" for none
	}{
		{"valid, unknown fields ignored", "", "", "", ""},
		{"time without offset", `"start": "2025-11-24T09:00:00+01:00"`, `"start": "2025-11-24T09:00:00"`,
			"windows[0].start", `must be an RFC 3339 time with an offset, such as "2025-11-24T09:30:00+01:00", not "2025-11-24T09:00:00"`},
		{"optional time without offset", `"earliest": "2025-11-24T09:00:00+01:00"`, `"earliest": "2025-11-24T09:00"`,
			"meetings[0].earliest", "RFC 3339"},
		{"date for a time", `"end": "2025-11-24T12:00:00Z"`, `"end": "2025-11-24"`, "windows[0].end", "RFC 3339"},
		{"number for a time", `"end": "2025-11-24T12:00:00Z"`, `"end": 12`, "windows[0].end", "not 12"},
		{"string for a number", `"duration_minutes": 30`, `"duration_minutes": "30"`,
			"meetings[0].duration_minutes", `must be a whole number, not "30"`},
		{"fraction for a whole number", `"duration_minutes": 30`, `"duration_minutes": 30.5`,
			"meetings[0].duration_minutes", "must be a whole number, not 30.5"},
		{"string for a list", `"attendees": ["A", "B"]`, `"attendees": "A"`, "meetings[0].attendees", `must be a list, not "A"`},
		{"list for an object", `"rooms": [{"id": "R1", "capacity": 2}]`, `"rooms": [[]]`, "rooms[0]", "must be an object, not []"},
		{"name in another case", `"capacity": 2`, `"Capacity": "2"`, "rooms[0].Capacity", "must be a whole number"},
		{"missing comma", `"timezone": "Europe/Paris",`, `"timezone": "Europe/Paris"`, "body", "line 4, column 3: invalid character"},
		{"truncated", `"colour": {"of": "the desk"}` + "\n}", `"colour": {"of": "the`, "body", "truncated"},
		{"more after the document", "\n}", "\n} {}", "body", "line 9, column 3: invalid character '{' after top-level value"},
		{"then invalid", `"duration_minutes": 30`, `"duration_minutes": 0`, "meetings[0].duration_minutes", "is required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := strings.Replace(smallProblem, tt.old, tt.new, 1)
			if doc == smallProblem && tt.old != "" {
				t.Fatalf("the change %q is not in the document", tt.old)
			}
			p, err := schedule.ReadProblem(strings.NewReader(doc))
			checkReadError(t, err, tt.field, tt.msg)
			if err == nil && (p == nil || len(p.Meetings) != 1) {
				t.Errorf("problem %+v", p)
			}
		})
	}
}

func TestReadEmpty(t *testing.T) {
	_, err := schedule.ReadProblem(strings.NewReader(" \n"))
	checkReadError(t, err, "body", "is empty")
}

// checkReadError checks that err is nil when field is "", and otherwise an
// invalid-input error whose first problem is at field and says msg.
func checkReadError(t *testing.T, err error, field, msg string) {
	t.Helper()
	problems := bilat.ErrorProblems(err)
	switch {
	case field == "" && err != nil:
		t.Fatalf("unexpected error: %v", err)
	case field == "":
	case bilat.ErrorCode(err) != bilat.EINVALID || len(problems) == 0:
		t.Fatalf("error %v (code %q), want an invalid-input error with problems", err, bilat.ErrorCode(err))
	case problems[0].Field != field || !strings.Contains(problems[0].Message, msg):
		t.Errorf("first problem %q, want %s: …%s…", problems[0], field, msg)
	}
}

const smallSchedule = `{
  "format": "bilat-schedule/1",
  "assignments": [{"meeting": "m1", "start": "2025-11-24T09:30:00+01:00", "room": "R1", "extra": 1}],
  "unscheduled": [{"meeting": "m2", "code": "attendee_unavailable", "reason": "A is away"}],
  "score": 1
}`

func TestReadSchedule(t *testing.T) {
	tests := []struct {
		name, old, new string
		field, msg     string
	}{
		{"valid", "", "", "", ""},
		{"format", `"bilat-schedule/1"`, `"bilat-problem/1"`, "format", `must be "bilat-schedule/1"`},
		{"time without offset", `09:30:00+01:00`, `09:30:00`, "assignments[0].start", "RFC 3339"},
		{"no room", `"room": "R1", `, ``, "assignments[0].room", "is required"},
		{"no meeting", `"meeting": "m2", `, ``, "unscheduled[0].meeting", "is required"},
		{"negative alternative", `"extra": 1`, `"alternative": -1`, "assignments[0].alternative", "must not be negative"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := schedule.ReadSchedule(strings.NewReader(strings.Replace(smallSchedule, tt.old, tt.new, 1)))
			checkReadError(t, err, tt.field, tt.msg)
			if err == nil && (len(s.Assignments) != 1 || s.Unscheduled[0].Code != "attendee_unavailable") {
				t.Errorf("schedule %+v", s)
			}
		})
	}
}

func TestWriteSchedule(t *testing.T) {
	var buf bytes.Buffer
	if err := schedule.WriteSchedule(&buf, &schedule.Schedule{Format: schedule.ScheduleFormat}); err != nil {
		t.Fatal(err)
	}
	if out := buf.String(); !strings.Contains(out, `"assignments": []`) || !strings.Contains(out, `"unscheduled": []`) {
		t.Errorf("empty lists are not written as []:\n%s", out)
	}
	s, err := schedule.ReadSchedule(strings.NewReader(smallSchedule))
	if err != nil {
		t.Fatal(err)
	}
	buf.Reset()
	if err := schedule.WriteSchedule(&buf, s); err != nil {
		t.Fatal(err)
	}
	again, err := schedule.ReadSchedule(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if a, b := again.Assignments[0], s.Assignments[0]; !a.Start.Equal(b.Start) || a.Room != b.Room || again.Score != s.Score {
		t.Errorf("written and read again: %+v, want %+v", again, s)
	}
}

// FuzzReadProblem reads any bytes as a problem: it must never panic, must
// refuse with an invalid-input error naming the places, and a problem it
// accepts must be valid, survive writing and reading again, and be
// checkable.
func FuzzReadProblem(f *testing.F) {
	f.Add([]byte(smallProblem))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := schedule.ReadProblem(bytes.NewReader(data))
		if err != nil {
			if bilat.ErrorCode(err) != bilat.EINVALID || len(bilat.ErrorProblems(err)) == 0 {
				t.Fatalf("error %v (code %q), want an invalid-input error with problems", err, bilat.ErrorCode(err))
			}
			return
		}
		if err := p.Validate(); err != nil {
			t.Fatalf("ReadProblem accepted an invalid problem: %v", err)
		}
		out, err := json.Marshal(p)
		if err != nil {
			t.Fatalf("writing the problem: %v", err)
		}
		if _, err := schedule.ReadProblem(bytes.NewReader(out)); err != nil {
			t.Fatalf("the problem written again does not read: %v\n%s", err, out)
		}
		schedule.Check(p, naiveSchedule(p))
	})
}

// naiveSchedule places each meeting at the start of the first window, in
// the first room, with its first alternative: a schedule that breaks most
// rules, for the checker to chew on.
func naiveSchedule(p *schedule.Problem) *schedule.Schedule {
	s := &schedule.Schedule{Format: schedule.ScheduleFormat}
	for _, m := range p.Meetings {
		a := schedule.Assignment{Meeting: m.ID, Start: p.Windows[0].Start}
		if len(p.Rooms) > 0 {
			a.Room = p.Rooms[0].ID
		}
		if len(m.Alternatives) > 0 {
			a.Alternative = new(int)
		}
		s.Assignments = append(s.Assignments, a)
	}
	return s
}
