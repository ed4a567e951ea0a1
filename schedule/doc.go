// Package schedule is bilat's scheduling engine: it reads a problem in the
// public format bilat-problem/1, places meetings in time and rooms so that
// every hard constraint holds and the score is as high as it can find, proves
// an upper bound on the score, explains why each left-out meeting did not
// fit, and writes the result as bilat-schedule/1. It also checks any
// schedule against its problem, independently of the solver.
//
// The formats are specified in shared/specs/schedule-format.md. The package
// imports nothing of ours but the domain (for bilat.Error): it knows nothing
// of storage, events or HTTP.
package schedule
