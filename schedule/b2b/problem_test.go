package b2b

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"bilat/schedule"
)

// benchDir holds the 140 benchmark files, when the shared folder is there.
const benchDir = "../../../shared/bench/b2b"

func at(hhmm string) time.Time {
	t, err := time.Parse(time.RFC3339, "2025-01-01T"+hhmm+":00Z")
	if err != nil {
		panic(err)
	}
	return t
}

func mustRead(t *testing.T, src string) *Instance {
	t.Helper()
	in, err := ReadDZN(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	return in
}

func TestProblemSmall(t *testing.T) {
	p := mustRead(t, small).Problem("small", 2)
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	if p.Format != schedule.ProblemFormat || p.Name != "small" || p.Timezone != "UTC" || p.Granularity != 20 {
		t.Errorf("header: %+v", p)
	}
	// One window, exactly the six slots: lunch leaves no gap.
	if want := []schedule.Interval{{Start: at("09:00"), End: at("11:00")}}; !slices.Equal(p.Windows, want) {
		t.Errorf("windows %v, want %v", p.Windows, want)
	}
	if len(p.Rooms) != 2 || p.Rooms[1].ID != "t2" || *p.Rooms[1].Capacity != 2 || p.Rooms[1].Venue != "" {
		t.Errorf("rooms %+v", p.Rooms)
	}
	wantUnavailable := []schedule.Unavailable{
		{Start: at("09:20"), End: at("09:40"), Reason: "forbidden slot 2"},
		{Start: at("10:00"), End: at("10:20"), Reason: "forbidden slot 4"},
		{Start: at("10:20"), End: at("10:40"), Reason: "forbidden slot 5"},
	}
	if len(p.People) != 4 || p.People[0].ID != "b1" || p.People[0].Unavailable != nil ||
		!slices.Equal(p.People[2].Unavailable, wantUnavailable) || len(p.People[3].Unavailable) != 1 {
		t.Errorf("people %+v", p.People)
	}
	if o := p.Objective; o.BreakPenalty != 1 || o.MaxBreakSpread == nil || *o.MaxBreakSpread != 2 {
		t.Errorf("objective %+v", o)
	}
	checkMeetings(t, p.Meetings)
}

func checkMeetings(t *testing.T, ms []schedule.Meeting) {
	t.Helper()
	if len(ms) != 3 {
		t.Fatalf("%d meetings, want 3", len(ms))
	}
	for _, m := range ms {
		if !m.Mandatory || m.DurationMinutes != 20 || m.Weight != nil || len(m.Attendees) != 2 {
			t.Errorf("meeting %+v: want mandatory, 20 minutes, weight 1, two attendees", m)
		}
	}
	morning, afternoon, either := ms[0], ms[1], ms[2]
	if morning.ID != "m1" || !slices.Equal(morning.Attendees, []string{"b1", "b2"}) ||
		!morning.Earliest.Equal(at("09:00")) || !morning.Latest.Equal(at("10:00")) {
		t.Errorf("morning meeting %+v", morning)
	}
	if !afternoon.Earliest.Equal(at("10:00")) || !afternoon.Latest.Equal(at("11:00")) ||
		afternoon.Fixed == nil || !afternoon.Fixed.Start.Equal(at("10:20")) || afternoon.Fixed.Room != "" {
		t.Errorf("afternoon meeting %+v", afternoon)
	}
	if either.Earliest != nil || either.Latest != nil || !slices.Equal(either.After, []string{"m1", "m2"}) {
		t.Errorf("meeting of either session %+v", either)
	}
}

func TestProblemWith(t *testing.T) {
	in := mustRead(t, small)
	p, err := in.ProblemWith("small", Options{Fairness: -1, SlotMinutes: 30})
	if err != nil {
		t.Fatal(err)
	}
	if p.Objective.MaxBreakSpread != nil || p.Granularity != 30 || p.Meetings[0].DurationMinutes != 30 ||
		!p.Windows[0].End.Equal(at("12:00")) || !p.Meetings[1].Fixed.Start.Equal(at("11:00")) {
		t.Errorf("30-minute slots, no fairness limit: %+v", p)
	}

	// A long day starts before 09:00 so that it ends by midnight.
	in.TotalSlots = MaxSlots
	p = in.Problem("long", 2)
	if w := p.Windows[0]; !w.Start.Equal(at("00:00")) || !w.End.Equal(at("00:00").Add(24*time.Hour)) {
		t.Errorf("72 slots: window %v", w)
	}
	for _, o := range []Options{{SlotMinutes: 21}, {SlotMinutes: -5}} {
		if _, err := in.ProblemWith("long", o); err == nil {
			t.Errorf("%+v for 72 slots: no error", o)
		}
	}
}

// benchFiles returns the benchmark files, skipping the test without them.
func benchFiles(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(benchDir, "*.dzn"))
	if err != nil || len(files) == 0 {
		t.Skipf("no benchmark files in %s", benchDir)
	}
	return files
}

func readFile(t *testing.T, path string) *Instance {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	in, err := ReadDZN(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return in
}

// TestBench reads and converts every benchmark file; each problem must be
// valid bilat-problem/1.
func TestBench(t *testing.T) {
	files := benchFiles(t)
	if len(files) != 140 {
		t.Errorf("%d files in %s, want 140 (20 instances × 7 variants)", len(files), benchDir)
	}
	for _, path := range files {
		name := instanceName(path)
		p := readFile(t, path).Problem(name, DefaultFairness)
		if err := p.Validate(); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// TestBenchCounts spot-checks three variants of forum-13 against counts
// taken from the files by hand.
func TestBenchCounts(t *testing.T) {
	benchFiles(t)
	tests := []struct {
		file                            string
		unavailable, fixed, precedences int
	}{
		{"forum-13.original.dzn", 22, 0, 0},
		{"forum-13.fixed020-Forb.dzn", 22, 30, 0},
		{"forum-13.prec15.dzn", 22, 0, 14},
		{"forum-13.forb0007.dzn", 10, 0, 0},
	}
	for _, tt := range tests {
		p := readFile(t, filepath.Join(benchDir, tt.file)).Problem(tt.file, 2)
		if len(p.Meetings) != 154 || len(p.People) != 70 || len(p.Rooms) != 14 {
			t.Errorf("%s: %d meetings, %d people, %d rooms; want 154, 70, 14", tt.file, len(p.Meetings), len(p.People), len(p.Rooms))
		}
		unavailable, fixed, after := counts(p)
		if unavailable != tt.unavailable || fixed != tt.fixed || after != tt.precedences {
			t.Errorf("%s: %d unavailable, %d fixed, %d after; want %d, %d, %d",
				tt.file, unavailable, fixed, after, tt.unavailable, tt.fixed, tt.precedences)
		}
		if w := p.Windows; len(w) != 1 || !w[0].Start.Equal(at("09:00")) || !w[0].End.Equal(at("16:00")) {
			t.Errorf("%s: windows %v, want 09:00–16:00 (21 slots)", tt.file, w)
		}
	}
}

func TestBenchDetails(t *testing.T) {
	benchFiles(t)
	original := readFile(t, filepath.Join(benchDir, "forum-13.original.dzn")).Problem("original", 2)
	// forbidden[3] = {0,17}: slot 17 starts 16 slots after 09:00.
	if u := original.People[2].Unavailable; len(u) != 1 || !u[0].Start.Equal(at("14:20")) || !u[0].End.Equal(at("14:40")) {
		t.Errorf("b3 unavailable %v, want 14:20–14:40", u)
	}
	// Row 10 is [6, 26, 2]: the afternoon, slots 14..21.
	if m := original.Meetings[9]; !m.Earliest.Equal(at("13:20")) || !m.Latest.Equal(at("16:00")) {
		t.Errorf("m10 from %v to %v, want 13:20–16:00", m.Earliest, m.Latest)
	}
	fixed := readFile(t, filepath.Join(benchDir, "forum-13.fixed020-Forb.dzn")).Problem("fixed", 2)
	if f := fixed.Meetings[16].Fixed; f == nil || !f.Start.Equal(at("12:00")) {
		t.Errorf("m17 fixed %+v, want slot 10 at 12:00", f)
	}
	prec := readFile(t, filepath.Join(benchDir, "forum-13.prec15.dzn")).Problem("prec", 2)
	if a := prec.Meetings[3].After; !slices.Equal(a, []string{"m9"}) {
		t.Errorf("m4 after %v, want [m9] (precedences[4] = {9})", a)
	}
}

// counts returns the problem's unavailable intervals, fixed meetings and
// after orders.
func counts(p *schedule.Problem) (unavailable, fixed, after int) {
	for _, person := range p.People {
		unavailable += len(person.Unavailable)
	}
	for _, m := range p.Meetings {
		if m.Fixed != nil {
			fixed++
		}
		after += len(m.After)
	}
	return unavailable, fixed, after
}

func TestPublished(t *testing.T) {
	for _, name := range []string{"forum-13.original", "forum-13.original.dzn", "/x/forum-13.original.dzn"} {
		if got := instanceName(name); got != "forum-13.original" {
			t.Errorf("instanceName(%q) = %q", name, got)
		}
	}
	// Every name in the tables must be a benchmark file.
	files := map[string]bool{}
	paths, _ := filepath.Glob(filepath.Join(benchDir, "*.dzn"))
	for _, path := range paths {
		files[instanceName(path)] = true
	}
	if len(files) == 0 {
		return
	}
	for name := range publishedOptimum {
		if !files[name] || !strings.HasSuffix(name, ".original") {
			t.Errorf("published optimum for %q, which is not an original benchmark file", name)
		}
	}
	for name := range publishedInfeasible {
		if !files[name] {
			t.Errorf("published infeasible %q is not a benchmark file", name)
		}
	}
}

func FuzzReadDZN(f *testing.F) {
	f.Add([]byte(small))
	f.Add([]byte("nBusiness=2; nMeetings=1; nTables=1; nTotalSlots=2; nMorningSlots=1; requested=[|1,2,3|];"))
	f.Add([]byte("x = [| |]; y = 1..3; /* c */ % d"))
	f.Fuzz(func(t *testing.T, data []byte) {
		in, err := ReadDZN(strings.NewReader(string(data)))
		if err != nil {
			return
		}
		if err := in.Problem("fuzz", 2).Validate(); err != nil {
			// Cycles of precedences are data the reader accepts and the
			// format refuses.
			if !strings.Contains(err.Error(), "cycle") {
				t.Errorf("read %q, but its problem is invalid: %v", data, err)
			}
		}
	})
}
