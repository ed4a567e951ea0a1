package b2b

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"bilat"
)

// small uses every shape of every field: both kinds of comment, a matrix
// with and without trailing commas, {0} padding, empty sets, ranges inside
// and outside braces, and the fields the reader checks or ignores.
const small = `% a hand-made instance
/* four participants,
   three meetings */
nBusiness = 4;
nMeetings = 3;
nTables = 2;
nTotalSlots = 6;
nMorningSlots = 3;

requested = [|1, 2,1,
|3, 4,2
|1, 3,3, |];

meetingsxBusiness = [{1,2,4},{1,2},{1,3,4},{1,3}];
nMeetingsBusiness = [2,1,2,1];
forbidden = [{0}, {}, {0,2,4..5}, 6..6];
fixed = [0, 5, 0];
precedences = [{}, {}, {1,2,},];
`

func TestReadDZN(t *testing.T) {
	in, err := ReadDZN(strings.NewReader(small))
	if err != nil {
		t.Fatal(err)
	}
	want := &Instance{
		Business: 4, Tables: 2, TotalSlots: 6, MorningSlots: 3,
		Meetings: []Meeting{
			{A: 1, B: 2, Session: Morning},
			{A: 3, B: 4, Session: Afternoon, Fixed: 5},
			{A: 1, B: 3, Session: Either, After: []int{1, 2}},
		},
		Forbidden: [][]int{nil, nil, {2, 4, 5}, {6}},
	}
	if !reflect.DeepEqual(in, want) {
		t.Errorf("ReadDZN:\n got %+v\nwant %+v", in, want)
	}
}

func TestReadDZNOptionalFields(t *testing.T) {
	src := "nBusiness=2; nMeetings=1; nTables=1; nTotalSlots=2; nMorningSlots=2; requested=[|2,1,3|];"
	in, err := ReadDZN(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(in.Forbidden) != 2 || in.Forbidden[0] != nil || in.Meetings[0].Fixed != 0 || in.Meetings[0].After != nil {
		t.Errorf("absent optional fields read as %+v", in)
	}
}

// TestReadDZNErrors changes one line of small at a time and expects the
// problem to name the field and the line.
func TestReadDZNErrors(t *testing.T) {
	tests := []struct {
		name, old, new string
		field          string
		line           int
		message        string
	}{
		{"missing semicolon", "nTables = 2;", "nTables = 2", "nTables", 7, `expected ";", found name "nTotalSlots"`},
		{"stray character", "nTables = 2;", "nTables = #2;", "nTables", 6, "unexpected character '#'"},
		{"unclosed comment", "precedences = [{}, {}, {1,2,},];", "precedences = [{}, {}, {1,2,},]; /* oops", "body", 18, "never closed"},
		{"no value", "nTables = 2;", "nTables = ;", "nTables", 6, `expected a value, found ";"`},
		{"huge number", "nTables = 2;", "nTables = 99999999999999999999;", "nTables", 6, "too large"},
		{"missing field", "nTables = 2;", "", "nTables", 0, "is missing"},
		{"unknown field", "fixed = [0, 5, 0];", "fixd = [0, 5, 0];", "fixd", 17, "unknown field"},
		{"repeated field", "nTables = 2;", "nTables = 2; nTables = 3;", "nTables", 6, "given again (first on line 6)"},
		{"scalar kind", "nTables = 2;", "nTables = {2};", "nTables", 6, "must be a number, not a set"},
		{"too many slots", "nTotalSlots = 6;", "nTotalSlots = 73;", "nTotalSlots", 7, "73 is not in 1..72"},
		{"morning too long", "nMorningSlots = 3;", "nMorningSlots = 7;", "nMorningSlots", 8, "7 is not in 0..6"},
		{"requested kind", "requested = [|1, 2,1,\n|3, 4,2\n|1, 3,3, |];", "requested = [1, 2, 1];", "requested", 10, "must be a two-dimensional array"},
		{"requested syntax", "|3, 4,2", "|3, 4,2]", "requested", 11, `expected "," or "|", found "]"`},
		{"requested rows", "|1, 3,3, |];", "|];", "requested", 10, "has 2 rows, want nMeetings = 3"},
		{"requested columns", "|3, 4,2", "|3, 4", "requested[2]", 11, "has 2 columns"},
		{"unknown participant", "|3, 4,2", "|3, 5,2", "requested[2]", 11, "participant 5 is not in 1..nBusiness = 4"},
		{"meets themself", "|3, 4,2", "|3, 3,2", "requested[2]", 11, "participant 3 meets themself"},
		{"bad session", "|3, 4,2", "|3, 4,4", "requested[2]", 11, "session 4 is not"},
		{"forbidden count", "forbidden = [{0}, {}, {0,2,4..5}, 6..6];", "forbidden = [{0}, {}];", "forbidden", 16, "has 2 elements, want 4"},
		{"forbidden slot", "forbidden = [{0}, {}, {0,2,4..5}, 6..6];", "forbidden = [{0}, {}, {0,2,4..7}, 6..6];", "forbidden[3]", 16, "slot 4..7 is not in 0..6"},
		{"forbidden kind", "forbidden = [{0}, {}, {0,2,4..5}, 6..6];", "forbidden = [{0}, {}, 3, 6..6];", "forbidden[3]", 16, "must be a set"},
		{"fixed slot", "fixed = [0, 5, 0];", "fixed = [0, 7, 0];", "fixed[2]", 17, "slot 7 is not in 0..nTotalSlots = 6"},
		{"fixed kind", "fixed = [0, 5, 0];", "fixed = [0, {5}, 0];", "fixed[2]", 17, "must be a number"},
		{"fixed not an array", "fixed = [0, 5, 0];", "fixed = 0;", "fixed", 17, "must be an array, not a number"},
		{"precedence range", "precedences = [{}, {}, {1,2,},];", "precedences = [{}, {}, {1,4}];", "precedences[3]", 18, "meeting 4 is not in 1..3"},
		{"precedence self", "precedences = [{}, {}, {1,2,},];", "precedences = [{}, {}, {3}];", "precedences[3]", 18, "meeting 3 cannot come before itself"},
		{"meeting counts", "nMeetingsBusiness = [2,1,2,1];", "nMeetingsBusiness = [2,2,2,1];", "nMeetingsBusiness[2]", 15, "participant 2 has 1 meetings"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(small, tt.old) {
				t.Fatalf("small has no %q", tt.old)
			}
			_, err := ReadDZN(strings.NewReader(strings.Replace(small, tt.old, tt.new, 1)))
			if bilat.ErrorCode(err) != bilat.EINVALID {
				t.Fatalf("error %v, want an EINVALID error", err)
			}
			if !hasProblem(bilat.ErrorProblems(err), tt.field, tt.line, tt.message) {
				t.Errorf("problems %v, want %s at line %d with %q", bilat.ErrorProblems(err), tt.field, tt.line, tt.message)
			}
		})
	}
}

// hasProblem reports whether list names field at line (0: no line) with a
// message containing msg.
func hasProblem(list []bilat.Problem, field string, line int, msg string) bool {
	for _, p := range list {
		at := line == 0 || strings.HasPrefix(p.Message, fmt.Sprintf("line %d:", line))
		if p.Field == field && at && strings.Contains(p.Message, msg) {
			return true
		}
	}
	return false
}

// TestReadDZNManyMembers gives short ranges standing for more elements
// than the reader expands.
func TestReadDZNManyMembers(t *testing.T) {
	src := strings.Replace(small, "{1,2,},", "{1..2, 1..2},", 1)
	if _, err := readDZN(strings.NewReader(src), 10); err != nil {
		t.Fatalf("10 elements in all, budget 10: %v", err)
	}
	_, err := readDZN(strings.NewReader(src), 9)
	if !hasProblem(bilat.ErrorProblems(err), "precedences[3]", 18, "the sets hold too many elements") {
		t.Errorf("error %v, want the budget of set elements exceeded", err)
	}
}
