// Package lp writes a scheduling problem as a time-indexed mixed-integer
// program in CPLEX LP format, runs the MIP solver CBC on it and decodes
// CBC's solution back into a schedule. It exists so that the benchmark can
// set bilat's own solver beside a general-purpose one on the same data;
// the decoded schedule is meant to be verified with schedule.Check, never
// trusted.
//
// The model has one binary x[m,a,t,c] per meeting m, alternative a, start
// t on the problem's granularity grid and room class c, kept only where
// the static constraints allow it (window, earliest and latest, capacity,
// features, allowed rooms, and the unavailability of the room and of every
// person). A room class is a set of interchangeable rooms (same venue,
// capacity, features, unavailability and allowed for the same meetings);
// rooms that a fixed or previous placement names are classes of their
// own, so every other class is decoded into concrete rooms by a sweep over
// time. It maximises the sum of weight (or the alternative's weight) plus
// preferred bonus, minus the move penalty, subject to:
//
//   - each meeting at most once, exactly once when mandatory or fixed, and
//     fixed meetings only as pinned;
//   - no more meetings in a room class at any minute than it has rooms;
//   - no two meetings of a person closer than the person's buffer, and,
//     with two or more venues, the buffer plus the travel time between
//     meetings in different venues (pairwise, which is what the format
//     asks of consecutive meetings whenever travel times obey the triangle
//     inequality, and stricter otherwise);
//   - max_meetings_per_day per person and local day;
//   - `after`: both scheduled implies the earlier one ends before the
//     later one starts.
//
// Not modelled: break_penalty and max_break_spread (breaks need extra
// variables per person and slot that CBC cannot handle at benchmark
// sizes). A schedule CBC finds is therefore valid except, possibly, for
// max_break_spread, and its objective omits the break penalty; the
// benchmark scores it with schedule.Check. The header of every LP file
// repeats this scope.
//
// The package must not be used by the solver itself: it is a yardstick.
package lp
