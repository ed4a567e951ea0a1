package schedule

import (
	"context"
	"runtime"
	"sync"
	"time"
)

// solveRun holds what the parallel search shares.
type solveRun struct {
	m       *model
	opt     Options
	started time.Time
	bound   float64
	timed   *relaxation // the time-indexed relaxation, once the search ends
	exactBy time.Time   // the end of the exact phase

	mu       sync.Mutex
	best     float64
	lastTick time.Time
}

// search runs one searcher per worker from copies of the greedy schedule,
// each with its own seed, and returns the best state (ties go to the
// lowest worker, so a fixed budget gives a fixed result).
func (r *solveRun) search(ctx context.Context, greedy *state, workers int) (*state, int64) {
	limit := r.limit()
	r.lastTick = time.Now()
	results := make([]*searcher, workers)
	var wg sync.WaitGroup
	for w := range workers {
		s := newState(r.m)
		s.restore(greedy.snapshot())
		sr := newSearcher(s, uint64(r.opt.Seed)*1000003+uint64(w)+1)
		sr.deadline = r.started.Add(limit)
		sr.maxIter = r.opt.Iterations
		results[w] = sr
		wg.Add(1)
		go func() {
			defer wg.Done()
			sr.run(ctx, r.stop)
		}()
	}
	wg.Wait()
	best := results[0]
	var iters int64
	for _, sr := range results {
		iters += sr.iter
		if sr.bestVal > best.bestVal+1e-9 {
			best = sr
		}
	}
	best.s.restore(best.best)
	return best.s, iters
}

// limit is the time the solve may take.
func (r *solveRun) limit() time.Duration {
	if r.opt.TimeLimit <= 0 {
		return DefaultTimeLimit
	}
	return r.opt.TimeLimit
}

// searchWithBound runs the search while, beside it, the time-indexed
// relaxation (when small enough) tightens the bound; the search stops
// early if the bound is reached.
func (r *solveRun) searchWithBound(ctx context.Context, greedy *state) (*state, int64) {
	bctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	uses := r.m.timedUses()
	go func() {
		defer close(done)
		if rx := r.m.relaxTimed(); rx != nil {
			rx.descend(bctx, 0, r.bestScore, r.publishBound)
			r.timed = rx
		}
	}()
	// By default a large bound gets a core of its own: on the 2-core
	// machines we measure on, one search beside it beat two searches
	// sharing the cores with it, on both score and bound (summit: 4015/4182
	// against 4002/4205 in 10 s). A small one converges within a second or
	// two and then leaves its core to the search (desk-90: 412 with two
	// searches, 410 with one).
	workers := r.opt.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
		if uses > 1_500_000 && uses <= maxTimeUses {
			workers = max(1, workers-1)
		}
	}
	best, iters := r.search(ctx, greedy, workers)
	r.exactBy = time.Now().Add(r.limit())
	if r.opt.Exact && r.m.provable() {
		// The exact mode prices its branches with the relaxation's
		// prices, so the relaxation may go on converging into the exact
		// phase's time. Cut when the search ended (which takes a few
		// milliseconds on small problems), it often had none yet, and
		// branching proved nothing.
		stop := time.AfterFunc(time.Until(r.exactBy), cancel)
		defer stop.Stop()
	} else {
		cancel()
	}
	<-done
	cancel()
	return best, iters
}

// bestScore returns the best objective found so far.
func (r *solveRun) bestScore() float64 {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.best
}

// publishBound records a better bound.
func (r *solveRun) publishBound(b float64) {
	b = r.m.roundBound(b)
	r.mu.Lock()
	defer r.mu.Unlock()
	r.bound = min(r.bound, b)
}

// stop records a worker's best, reports progress about once a second, and
// says whether that worker has reached the bound.
func (r *solveRun) stop(best float64) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if best > r.best {
		r.best = best
	}
	if r.opt.Progress != nil && time.Since(r.lastTick) >= time.Second {
		r.lastTick = time.Now()
		r.opt.Progress(Progress{Elapsed: time.Since(r.started), Score: r.best, Bound: r.bound})
	}
	// Each worker stops on its own best only: a worker whose best reaches
	// the bound cannot improve it, so its result does not depend on when
	// it stops, and a fixed budget gives a fixed schedule.
	return best >= r.bound-1e-9
}
