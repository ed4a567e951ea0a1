package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"bilat/schedule"
	"bilat/schedule/b2b"
	"bilat/schedule/lp"
)

func benchCommand() *command {
	return &command{
		name:    "bench",
		args:    "[DIR...]",
		summary: "solve benchmark instances and print a table of the results",
		help: "Bench solves every instance in each DIR (default: synthetic and b2b under\n" +
			"../shared/bench, else ../../shared/bench) and prints a table per directory:\n" +
			"meetings, scheduled, score, bound, gap, seconds and peak memory. Instances are\n" +
			"bilat problems (.json, .json.gz) and B2B MiniZinc data (.dzn; only\n" +
			"*.original.dzn without --all-b2b), mapped with fairness 2, for which it also\n" +
			"prints the breaks beside the published optimum. Each run is a child process\n" +
			"(bilat solve), so that its peak memory is its own, and each schedule is verified\n" +
			"with the checker: a schedule that breaks a hard constraint is a FAIL row, and\n" +
			"bench then exits 1. With --runs N (seeds 1 to N) it prints medians. --greedy\n" +
			"adds the greedy score and the improvement on it; --vs-cbc adds the score of\n" +
			"CBC's schedule, checked, under the same time limit, and CBC's status (it needs\n" +
			"the cbc binary: Debian package coinor-cbc).",
		minArgs: 0, maxArgs: -1,
		setup: func(m *Main, fs *flag.FlagSet) action {
			b := &bench{m: m}
			b.flags(fs)
			return b.run
		},
	}
}

// bench solves benchmark instances, each in a child process, and prints a
// table of the results.
type bench struct {
	m *Main
	// Exe is the bilat binary whose solve command solves each instance;
	// empty means this executable. Tests set it, since theirs is not bilat.
	Exe string

	TimeLimit             time.Duration
	Runs                  int
	VsCBC, Greedy, AllB2B bool
	Markdown              bool
	work                  string // temporary directory for problems and schedules
	failures              []failure
}

// failure is an instance that failed, and why.
type failure struct{ name, why string }

// flags declares the flags of bench.
func (b *bench) flags(fs *flag.FlagSet) {
	fs.DurationVar(&b.TimeLimit, "time-limit", schedule.DefaultTimeLimit, "the time limit of each run")
	fs.IntVar(&b.Runs, "runs", 1, "runs per instance, with seeds 1 to `N`; the table shows medians")
	fs.BoolVar(&b.VsCBC, "vs-cbc", false, "also solve each instance with CBC under the same time limit")
	fs.BoolVar(&b.Greedy, "greedy", false, "also run the greedy construction alone")
	fs.BoolVar(&b.AllB2B, "all-b2b", false, "run every B2B variant, not only *.original.dzn")
	fs.BoolVar(&b.Markdown, "markdown", false, "print the table in Markdown")
}

// run benchmarks the instances of dirs, or of the default directories.
func (b *bench) run(ctx context.Context, dirs []string) error {
	if err := b.validate(); err != nil {
		return err
	}
	if len(dirs) == 0 {
		var err error
		if dirs, err = defaultBenchDirs(); err != nil {
			return err
		}
	}
	work, err := os.MkdirTemp("", "bilat-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	b.work = work
	for _, dir := range dirs {
		if err := b.runDir(ctx, dir); err != nil {
			return err
		}
	}
	var names []string
	for _, f := range b.failures {
		fmt.Fprintf(b.m.Stdout, "FAIL %s: %s\n", f.name, f.why)
		names = append(names, f.name)
	}
	if len(names) > 0 {
		return fmt.Errorf("bench: %d instance(s) failed: %s", len(names), strings.Join(names, ", "))
	}
	return nil
}

// validate refuses flags that cannot work.
func (b *bench) validate() error {
	if b.Runs < 1 {
		return usagef("--runs must be at least 1")
	}
	if b.TimeLimit <= 0 {
		return usagef("--time-limit must be positive")
	}
	if b.VsCBC {
		if _, err := exec.LookPath(lp.CBC); err != nil {
			return fmt.Errorf("--vs-cbc needs the %s binary on PATH (Debian package coinor-cbc): %w", lp.CBC, err)
		}
	}
	return nil
}

// defaultBenchDirs returns synthetic and b2b under the first of
// ../shared/bench and ../../shared/bench that exists.
func defaultBenchDirs() ([]string, error) {
	for _, base := range []string{filepath.Join("..", "shared", "bench"), filepath.Join("..", "..", "shared", "bench")} {
		if st, err := os.Stat(base); err != nil || !st.IsDir() {
			continue
		}
		var dirs []string
		for _, sub := range []string{"synthetic", "b2b"} {
			if st, err := os.Stat(filepath.Join(base, sub)); err == nil && st.IsDir() {
				dirs = append(dirs, filepath.Join(base, sub))
			}
		}
		return dirs, nil
	}
	return nil, errors.New("bench: no ../shared/bench or ../../shared/bench here; name the directories")
}

// instance is one benchmark file.
type instance struct {
	name string // the file's base name without .json, .json.gz or .dzn
	path string
	b2b  bool
}

// instances lists the benchmark files of dir, by name.
func (b *bench) instances(dir string) ([]instance, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []instance
	for _, e := range entries {
		name, path := e.Name(), filepath.Join(dir, e.Name())
		switch {
		case e.IsDir():
		case strings.HasSuffix(name, ".json"), strings.HasSuffix(name, ".json.gz"):
			out = append(out, instance{name: strings.TrimSuffix(strings.TrimSuffix(name, ".gz"), ".json"), path: path})
		case strings.HasSuffix(name, ".dzn") && (b.AllB2B || strings.HasSuffix(name, ".original.dzn")):
			out = append(out, instance{name: strings.TrimSuffix(name, ".dzn"), path: path, b2b: true})
		}
	}
	return out, nil
}

// runDir benchmarks the instances of one directory and prints its table.
func (b *bench) runDir(ctx context.Context, dir string) error {
	insts, err := b.instances(dir)
	if err != nil {
		return err
	}
	var results []*result
	for k, in := range insts {
		fmt.Fprintf(b.m.Stderr, "bench: %s (%d/%d)\n", in.name, k+1, len(insts))
		r := b.runInstance(ctx, in)
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if r.fail != "" {
			b.failures = append(b.failures, failure{in.name, r.fail})
		}
		results = append(results, r)
	}
	title := fmt.Sprintf("%s (time limit %s, %d run(s))", dir, b.TimeLimit, b.Runs)
	if b.Markdown {
		title = "**" + dir + "**" + strings.TrimPrefix(title, dir)
	}
	fmt.Fprintf(b.m.Stdout, "\n%s\n\n", title)
	return b.table(results).write(b.m.Stdout, b.Markdown)
}

// result is what the runs of one instance gave.
type result struct {
	in         instance
	meetings   int
	runs       []run // the solver's, one per seed
	greedy     []run
	cbc        *cbcRun
	infeasible bool   // the solver reports the problem infeasible
	fail       string // why the instance failed, if it did
}

// run is one verified solve.
type run struct {
	scheduled int
	score     float64
	bound     float64 // NaN when the schedule states none
	seconds   float64
	memoryMB  float64
	breaks    int
}

// cbcRun is CBC's verified result.
type cbcRun struct {
	status string
	score  float64 // NaN without a valid schedule
}

// runInstance loads, solves and checks one instance.
func (b *bench) runInstance(ctx context.Context, in instance) *result {
	r := &result{in: in}
	p, path, err := b.load(in)
	if err != nil {
		r.fail = err.Error()
		return r
	}
	r.meetings = len(p.Meetings)
	for seed := int64(1); seed <= int64(b.Runs) && r.fail == "" && !r.infeasible; seed++ {
		b.solveInto(ctx, r, p, path, seed, false)
		if b.Greedy && r.fail == "" && !r.infeasible {
			b.solveInto(ctx, r, p, path, seed, true)
		}
	}
	if r.fail == "" {
		r.fail = b.contradiction(r)
	}
	if b.VsCBC && r.fail == "" {
		r.cbc = b.runCBC(ctx, in, p)
		r.fail = r.boundBelowCBC()
	}
	return r
}

// boundBelowCBC says which bound of the solver CBC's valid schedule beats,
// if one does: a bound must hold for every valid schedule.
func (r *result) boundBelowCBC() string {
	for _, x := range r.runs {
		if x.bound < r.cbc.score-1e-6 {
			return fmt.Sprintf("CBC's valid schedule scores %s, above the solver's bound %s", num(r.cbc.score), num(x.bound))
		}
	}
	return ""
}

// contradiction says how the result contradicts the published table, if
// it does.
func (b *bench) contradiction(r *result) string {
	if !r.in.b2b {
		return ""
	}
	if _, ok := b2b.PublishedOptimum(r.in.name); ok && r.infeasible {
		return "the solver reports infeasible an instance with a published optimum"
	}
	if b2b.PublishedInfeasible(r.in.name) && !r.infeasible {
		return "a valid schedule for an instance published as infeasible"
	}
	return ""
}

// load reads the instance's problem and returns it with the path of a
// bilat problem file for the child: the file itself, or for B2B data its
// mapping, written to the work directory.
func (b *bench) load(in instance) (*schedule.Problem, string, error) {
	if !in.b2b {
		p, err := readDocument(b.m, in.path, schedule.ReadProblem)
		return p, in.path, err
	}
	f, err := os.Open(in.path)
	if err != nil {
		return nil, "", err
	}
	defer f.Close()
	data, err := b2b.ReadDZN(f)
	if err != nil {
		return nil, "", fmt.Errorf("%s: %w", in.path, err)
	}
	p := data.Problem(in.name, b2b.DefaultFairness)
	path := filepath.Join(b.work, in.name+".json")
	err = saveFile(path, func(w io.Writer) error { return json.NewEncoder(w).Encode(p) })
	return p, path, err
}

// solveInto solves the problem in a child process and records the run, or
// what went wrong, in r.
func (b *bench) solveInto(ctx context.Context, r *result, p *schedule.Problem, path string, seed int64, greedy bool) {
	out := filepath.Join(b.work, fmt.Sprintf("%s-%d-%t.schedule.json", r.in.name, seed, greedy))
	args := []string{"solve", "--time-limit", b.TimeLimit.String(), "--seed", strconv.FormatInt(seed, 10), "-o", out}
	if greedy {
		args = append(args, "--greedy")
	}
	ru, code, err := b.child(ctx, append(args, path))
	switch {
	case code == exitInfeasible && greedy:
		// Construction alone may fail to place every mandatory meeting of
		// a feasible problem: the greedy score is then missing, not the
		// instance infeasible.
		r.greedy = append(r.greedy, run{score: nan(), bound: nan()})
		return
	case code == exitInfeasible:
		r.infeasible = true
		return
	case err != nil:
		r.fail = err.Error()
		return
	}
	s, err := readDocument(b.m, out, schedule.ReadSchedule)
	if err != nil {
		r.fail = err.Error()
		return
	}
	rep := schedule.Check(p, s)
	if !rep.Valid() {
		r.fail = "INVALID schedule: " + violations(rep)
		return
	}
	ru.scheduled, ru.score, ru.breaks, ru.bound = len(s.Assignments), rep.Score, rep.Breaks, nan()
	if s.Bound != nil {
		ru.bound = *s.Bound
	}
	if rep.Score > ru.bound+1e-6 {
		r.fail = fmt.Sprintf("score %s above the bound %s the schedule states", num(rep.Score), num(ru.bound))
		return
	}
	if greedy {
		r.greedy = append(r.greedy, ru)
	} else {
		r.runs = append(r.runs, ru)
	}
}

// violations summarises a report's violations in one line.
func violations(rep schedule.Report) string {
	v := rep.Violations[0]
	s := fmt.Sprintf("rule %d: %s", v.Rule, v.Message)
	if n := len(rep.Violations) - 1; n > 0 {
		s += fmt.Sprintf(" (and %d more)", n)
	}
	return s
}

// child runs bilat with args and returns the run's time and peak memory,
// and its exit code. An exit other than 0 and 3 is an error carrying the
// end of what the child printed.
func (b *bench) child(ctx context.Context, args []string) (run, int, error) {
	exe, err := b.executable()
	if err != nil {
		return run{}, 0, err
	}
	// A run may overrun its limit while it builds or writes; past a
	// generous grace it is stopped.
	ctx, cancel := context.WithTimeout(ctx, 3*b.TimeLimit+time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, exe, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return run{}, -1, err
	}
	stop := watchPeak(cmd.Process.Pid)
	err = cmd.Wait()
	ru := run{seconds: time.Since(start).Seconds(), memoryMB: stop()}
	if math.IsNaN(ru.memoryMB) {
		ru.memoryMB = maxRSSMB(cmd.ProcessState)
	}
	code := cmd.ProcessState.ExitCode()
	switch {
	case ctx.Err() == context.DeadlineExceeded:
		return ru, code, fmt.Errorf("bilat %s: stopped after %.0fs, far past its time limit", strings.Join(args, " "), ru.seconds)
	case err != nil && code != exitInfeasible:
		return ru, code, fmt.Errorf("bilat %s: %v\n%s", strings.Join(args, " "), err, lastLines(withoutProgress(stderr.String()), 8))
	}
	return ru, code, nil
}

// withoutProgress drops solve's progress lines from what it printed.
func withoutProgress(s string) string {
	var keep []string
	for _, line := range strings.Split(s, "\n") {
		if !strings.HasPrefix(line, "elapsed ") {
			keep = append(keep, line)
		}
	}
	return strings.Join(keep, "\n")
}

func (b *bench) executable() (string, error) {
	if b.Exe != "" {
		return b.Exe, nil
	}
	return os.Executable()
}

// watchPeak samples the peak resident memory of the running process pid,
// in MB, from VmHWM in /proc/PID/status, until the returned function is
// called; it then returns the last peak seen, NaN without /proc. The peak
// is sampled because the rusage of a finished child does not do on Linux:
// Go starts children with vfork, and Linux then counts the parent's own
// peak (here: every problem loaded so far) in the child's ru_maxrss.
func watchPeak(pid int) (stop func() float64) {
	done, result := make(chan struct{}), make(chan float64, 1)
	go func() {
		peak := nan()
		tick := time.NewTicker(50 * time.Millisecond)
		defer tick.Stop()
		for {
			if mb, ok := vmHWM(pid); ok && !(mb <= peak) {
				peak = mb
			}
			select {
			case <-done:
				result <- peak
				return
			case <-tick.C:
			}
		}
	}()
	return func() float64 { close(done); return <-result }
}

// vmHWM reads the peak resident memory of process pid, in MB.
func vmHWM(pid int) (float64, bool) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, false
	}
	for _, line := range strings.Split(string(data), "\n") {
		if f := strings.Fields(line); len(f) == 3 && f[0] == "VmHWM:" && f[2] == "kB" {
			kb, err := strconv.ParseFloat(f[1], 64)
			return kb / 1024, err == nil
		}
	}
	return 0, false
}

// maxRSSMB returns the peak resident memory of a finished process in MB,
// where /proc cannot say better (see watchPeak).
func maxRSSMB(ps *os.ProcessState) float64 {
	ru, ok := ps.SysUsage().(*syscall.Rusage)
	if !ok {
		return nan()
	}
	if runtime.GOOS == "darwin" {
		return float64(ru.Maxrss) / (1 << 20) // bytes there, KB on Linux
	}
	return float64(ru.Maxrss) / (1 << 10)
}

// runCBC writes the instance's model, solves it with CBC and checks the
// schedule CBC finds.
func (b *bench) runCBC(ctx context.Context, in instance, p *schedule.Problem) *cbcRun {
	fail := func(format string, args ...any) *cbcRun {
		return &cbcRun{status: fmt.Sprintf(format, args...), score: nan()}
	}
	model, err := lp.Build(p)
	if err != nil {
		return fail("error: %v", err)
	}
	lpPath := filepath.Join(b.work, in.name+".lp")
	if err := saveFile(lpPath, func(w io.Writer) error { _, err := model.WriteTo(w); return err }); err != nil {
		return fail("error: %v", err)
	}
	_, solPath, err := lp.RunCBC(ctx, lpPath, b.TimeLimit)
	var se *lp.StatusError
	if errors.As(err, &se) {
		return fail("%s", se.Status)
	} else if err != nil {
		fmt.Fprintf(b.m.Stderr, "bench: %s: %v\n", in.name, err)
		return fail("error")
	}
	return b.checkCBC(p, model.Mapping, solPath)
}

// checkCBC decodes CBC's solution and verifies it.
func (b *bench) checkCBC(p *schedule.Problem, m *lp.Mapping, solPath string) *cbcRun {
	data, err := os.ReadFile(solPath)
	if err != nil {
		return &cbcRun{status: "error", score: nan()}
	}
	st, _, _ := lp.ReadStatus(bytes.NewReader(data))
	s, err := lp.ReadCBCSolution(bytes.NewReader(data), m)
	if err != nil {
		return &cbcRun{status: "error: " + err.Error(), score: nan()}
	}
	rep := schedule.Check(p, s)
	if !rep.Valid() {
		return &cbcRun{status: fmt.Sprintf("%s, INVALID (rule %d)", st, rep.Violations[0].Rule), score: nan()}
	}
	return &cbcRun{status: string(st), score: rep.Score}
}

// table is a table of cells with a header.
type table struct {
	header []string
	rows   [][]string
}

// table lays out the results of one directory.
func (b *bench) table(results []*result) *table {
	t := &table{header: []string{"instance", "meetings", "scheduled", "score", "bound", "gap %", "seconds", "peak MB"}}
	anyB2B := slices.ContainsFunc(results, func(r *result) bool { return r.in.b2b })
	if b.Greedy {
		t.header = append(t.header, "greedy", "vs greedy %")
	}
	if b.VsCBC {
		t.header = append(t.header, "CBC", "CBC status")
	}
	if anyB2B {
		t.header = append(t.header, "breaks", "published")
	}
	for _, r := range results {
		row := append([]string{r.in.name, strconv.Itoa(r.meetings)}, b.cells(r)...)
		if anyB2B {
			row = append(row, r.breaksCells()...)
		}
		t.rows = append(t.rows, row)
	}
	return t
}

// cells returns the solver's, greedy's and CBC's cells of a result.
func (b *bench) cells(r *result) []string {
	var cells []string
	switch {
	case r.fail != "":
		cells = dashes("FAIL", 6)
	case r.infeasible:
		cells = dashes("infeasible", 6)
	default:
		score, bound := median(r.runs, func(x run) float64 { return x.score }), median(r.runs, func(x run) float64 { return x.bound })
		cells = []string{
			strconv.FormatFloat(median(r.runs, func(x run) float64 { return float64(x.scheduled) }), 'f', -1, 64),
			num(score), formatNaN(bound, num), formatNaN(gapPercent(score, bound), percent),
			fmt.Sprintf("%.1f", median(r.runs, func(x run) float64 { return x.seconds })),
			formatNaN(median(r.runs, func(x run) float64 { return x.memoryMB }), func(v float64) string { return fmt.Sprintf("%.0f", v) }),
		}
	}
	if b.Greedy {
		cells = append(cells, r.greedyCells()...)
	}
	if b.VsCBC {
		if r.cbc == nil {
			cells = append(cells, "-", "-")
		} else {
			cells = append(cells, formatNaN(r.cbc.score, num), r.cbc.status)
		}
	}
	return cells
}

// greedyCells returns the greedy score and the improvement on it; the
// greedy score is "none" when construction alone placed the mandatory
// meetings in none of the runs.
func (r *result) greedyCells() []string {
	placed := slices.DeleteFunc(slices.Clone(r.greedy), func(x run) bool { return math.IsNaN(x.score) })
	switch {
	case len(r.runs) == 0:
		return []string{"-", "-"}
	case len(placed) == 0:
		return []string{"none", "-"}
	}
	g := median(placed, func(x run) float64 { return x.score })
	s := median(r.runs, func(x run) float64 { return x.score })
	imp := nan()
	if g != 0 {
		imp = 100 * (s - g) / math.Abs(g)
	}
	return []string{num(g), formatNaN(imp, func(v float64) string { return fmt.Sprintf("%+.2f", v) })}
}

// breaksCells returns a B2B result's breaks and the published optimum.
func (r *result) breaksCells() []string {
	if !r.in.b2b {
		return []string{"", ""}
	}
	published := "-"
	if n, ok := b2b.PublishedOptimum(r.in.name); ok {
		published = strconv.Itoa(n)
	} else if b2b.PublishedInfeasible(r.in.name) {
		published = "infeasible"
	}
	if len(r.runs) == 0 {
		return []string{"-", published}
	}
	return []string{strconv.FormatFloat(median(r.runs, func(x run) float64 { return float64(x.breaks) }), 'f', -1, 64), published}
}

// dashes returns first followed by n-1 dashes.
func dashes(first string, n int) []string {
	out := []string{first}
	for range n - 1 {
		out = append(out, "-")
	}
	return out
}

// median returns the median of f over runs, NaN for none.
func median(runs []run, f func(run) float64) float64 {
	if len(runs) == 0 {
		return nan()
	}
	xs := make([]float64, len(runs))
	for i, r := range runs {
		xs[i] = f(r)
	}
	slices.Sort(xs)
	n := len(xs)
	if n%2 == 1 {
		return xs[n/2]
	}
	return (xs[n/2-1] + xs[n/2]) / 2
}

// gapPercent is the relative distance from score to bound.
func gapPercent(score, bound float64) float64 {
	if math.IsNaN(bound) || bound <= 0 {
		return nan()
	}
	return 100 * (bound - score) / bound
}

func percent(v float64) string { return fmt.Sprintf("%.2f", v) }

// num formats a score with at most two decimals.
func num(v float64) string { return strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64) }

// formatNaN formats v, or "-" for NaN (no value).
func formatNaN(v float64, format func(float64) string) string {
	if math.IsNaN(v) {
		return "-"
	}
	return format(v)
}

func nan() float64 { return math.NaN() }

// write prints the table aligned, or in Markdown.
func (t *table) write(w io.Writer, markdown bool) error {
	if markdown {
		return t.writeMarkdown(w)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, row := range append([][]string{t.header}, t.rows...) {
		fmt.Fprintln(tw, strings.Join(row, "\t"))
	}
	return tw.Flush()
}

func (t *table) writeMarkdown(w io.Writer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "| %s |\n", strings.Join(t.header, " | "))
	align := make([]string, len(t.header))
	for i := range align {
		align[i] = "---:"
	}
	align[0] = "---"
	fmt.Fprintf(bw, "|%s|\n", strings.Join(align, "|"))
	for _, row := range t.rows {
		fmt.Fprintf(bw, "| %s |\n", strings.Join(row, " | "))
	}
	return bw.Flush()
}

// lastLines returns the last n lines of s.
func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}
