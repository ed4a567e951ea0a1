package schedule

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"
)

// Options steer a solve.
type Options struct {
	// TimeLimit bounds the improvement phase; the best schedule found so far
	// is returned when it runs out. Zero means DefaultTimeLimit.
	TimeLimit time.Duration
	// Seed makes the run repeatable: the same problem, seed and options give
	// the same schedule.
	Seed int64
	// Workers is how many goroutines search; zero means one per CPU.
	Workers int
	// GreedyOnly stops after the construction pass (the benchmark's floor).
	GreedyOnly bool
	// Exact, after the search, runs a branch and bound for up to another
	// TimeLimit to prove the best schedule optimal (or find a better one).
	// It applies to problems of up to 200 meetings without break or move
	// penalties or a spread limit; larger ones keep the search's result.
	Exact bool
	// Iterations, when positive, bounds each worker's search steps: with a
	// fixed budget the result does not depend on the machine's speed.
	Iterations int64
	// Progress, if set, is called about once a second during long runs.
	Progress func(Progress)
}

// DefaultTimeLimit is the improvement time when Options.TimeLimit is zero.
const DefaultTimeLimit = 10 * time.Second

// Progress reports a running solve.
type Progress struct {
	Elapsed    time.Duration
	Score      float64
	Bound      float64
	Iterations int64
}

// Gap returns the relative distance between score and bound, in percent.
func (p Progress) Gap() float64 { return gap(p.Score, p.Bound) }

func gap(score, bound float64) float64 {
	if bound <= 0 {
		return 0
	}
	return 100 * (bound - score) / bound
}

// Infeasible reports mandatory or fixed meetings that cannot all be placed,
// each with the constraint in the way.
type Infeasible struct {
	Meetings []Unscheduled
}

func (e *Infeasible) Error() string {
	parts := make([]string, len(e.Meetings))
	for i, m := range e.Meetings {
		parts[i] = fmt.Sprintf("%s: %s", m.Meeting, m.Reason)
	}
	return "infeasible: " + strings.Join(parts, "; ")
}

// IsInfeasible reports whether err says the problem is infeasible.
func IsInfeasible(err error) bool {
	var inf *Infeasible
	return errors.As(err, &inf)
}

// Solve validates the problem and returns the best schedule found within
// the options' limits, with a proven bound and a reason for every meeting
// left out. An invalid problem gives a *bilat.Error (code invalid) naming
// every problem by its path; a problem whose mandatory or fixed meetings
// cannot all be placed gives an *Infeasible.
func Solve(ctx context.Context, p *Problem, opt Options) (*Schedule, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	started := time.Now()
	m := compile(p)
	if inf := m.staticInfeasible(); inf != nil {
		return nil, inf
	}
	greedy := newState(m)
	greedy.construct(m.order(nil))
	run := &solveRun{m: m, opt: opt, started: started, best: greedy.objective()}
	capacity := m.relax()
	run.bound = m.roundBound(capacity.bound(greedy.score(), 300))
	best, iters := greedy, int64(0)
	if !opt.GreedyOnly {
		deadline := started.Add(run.limit() / 20)
		if opt.Iterations > 0 {
			deadline = time.Now().Add(time.Hour) // a fixed budget builds them all, for repeatability
		}
		start := m.restarts(greedy, opt.Seed, deadline)
		best, iters = run.searchWithBound(ctx, start)
		run.bound = math.Min(run.bound, m.roundBound(capacity.bound(best.score(), 300)))
		if opt.Exact && best.mandatoryOut == 0 && best.score() < run.bound-1e-9 {
			if proven, ok := m.prove(ctx, run.timed, best, run.exactBy); ok {
				best, run.bound = proven, proven.score()
			}
		}
	}
	if err := best.infeasible(); err != nil {
		return nil, err
	}
	out := best.schedule()
	if run.bound-out.Score < 1e-6 {
		run.bound = out.Score // the bound met the score, up to rounding noise
	}
	out.Bound = &run.bound
	out.Stats = &Stats{ElapsedMS: time.Since(started).Milliseconds(), Iterations: iters, Seed: opt.Seed, Greedy: greedy.score(),
		Optimal: out.Score >= run.bound-1e-6}
	return out, nil
}
