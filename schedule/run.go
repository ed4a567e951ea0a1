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
	rx      *relaxation
	bound   float64

	mu       sync.Mutex
	best     float64
	lastTick time.Time
}

// search runs one searcher per worker from copies of the greedy schedule,
// each with its own seed, and returns the best state (ties go to the
// lowest worker, so a fixed budget gives a fixed result).
func (r *solveRun) search(ctx context.Context, greedy *state) (*state, int64) {
	workers := r.opt.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	limit := r.opt.TimeLimit
	if limit <= 0 {
		limit = DefaultTimeLimit
	}
	r.best, r.lastTick = greedy.objective(), time.Now()
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

// stop records a worker's best, reports progress about once a second, and
// says whether the bound is reached (nothing better can exist).
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
	return r.best >= r.bound-1e-9
}
