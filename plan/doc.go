// Package plan turns an event's records into a scheduling problem
// (schedule.Problem, format bilat-problem/1) and a solved schedule back
// into a bilat.Proposal that a desk officer applies or discards.
//
// It owns the choices that translate the desk's world into the engine's:
// who attends what, which principals may hold a meeting and at what value,
// which times are taken by the programme and by meetings already held, and
// how the engine's identifiers read back as names. It reads through the
// desk's services only: no SQL, no HTTP, and it never writes; applying a
// proposal is the store's (bilat.ProposalService).
package plan
