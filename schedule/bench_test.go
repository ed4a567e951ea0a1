package schedule

import (
	"context"
	"os"
	"testing"
)

// BenchmarkSolve measures a fixed amount of work (a greedy build, the
// bounds and 20,000 search steps on one worker) on the benchmark problems,
// so that ns/op compares versions of the solver rather than luck:
//
//	go test ./schedule -run '^$' -bench Solve -count 5
func BenchmarkSolve(b *testing.B) {
	for _, name := range []string{"desk-60-s1", "desk-90-s2", "summit-196-2000-s1"} {
		f, err := os.Open("../../shared/bench/synthetic/" + name + ".json")
		if err != nil {
			b.Skip("shared/bench is not beside the repository")
		}
		p, err := ReadProblem(f)
		f.Close()
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name, func(b *testing.B) {
			var score float64
			for b.Loop() {
				s, err := Solve(context.Background(), p, Options{Seed: 1, Workers: 1, Iterations: 20000})
				if err != nil {
					b.Fatal(err)
				}
				score = s.Score
			}
			b.ReportMetric(score, "score")
		})
	}
}
