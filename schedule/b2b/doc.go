// Package b2b reads the B2B Meeting Scheduling benchmark of the University
// of Girona (MiniZinc .dzn data files, in shared/bench/b2b) and maps an
// instance to a bilat-problem/1, so that the scheduler can be measured
// against the optima published in M. Bofill et al., "Constraint Solving
// Approaches to the Business-to-Business Meeting Scheduling Problem",
// JAIR 74 (2022) 263–301. It reads and maps; it does not solve, and it
// imports nothing of ours but the domain and the problem format.
//
// # Mapping
//
// Slots are numbered 1..nTotalSlots, as in the files (fixed slots run to
// nTotalSlots, 0 meaning free). The event is one window on one UTC day,
// 2025-01-01: slot k starts k−1 slot lengths after 09:00 (earlier if the
// slots would otherwise run past midnight), so that the window holds
// exactly the slots; counted from a slot 0 one length before, slot k
// starts at k × slot length, as the benchmark's README puts it. The slot
// length (20 minutes by default) is also the meeting length and the
// granularity, so meetings start on slots only.
//
// Slots 1..nMorningSlots are the morning, the others the afternoon. A
// meeting of session 1 gets earliest and latest bounding the morning, one
// of session 2 the afternoon, one of session 3 neither.
//
// Tables are rooms t1..tN with two seats, at one implicit venue. Participants
// are people b1..bN; each forbidden slot is an unavailable interval. Row i
// of requested is meeting mi of the two participants, mandatory, of weight
// 1. A fixed slot pins the meeting's start, not its table, as in the paper.
// Precedences[i] lists the meetings that must take place before meeting i,
// so they become mi's after list. This is our reading of the paper's
// precedence constraint, and how public reimplementations of its model use
// the field; the data alone cannot settle the direction, since in some
// prec25 files of the 21- and 22-slot families precedences contradict the
// sessions whichever way they are read.
//
// The objective is the paper's: with every meeting mandatory and of weight
// 1, break_penalty 1 makes the score nMeetings minus the number of breaks,
// and max_break_spread is the fairness d. The score's breaks are the
// paper's: an idle run between two meetings of one participant, counted
// once however long.
//
// # Lunch
//
// In the paper's model, as we read it and as public reimplementations of
// its break constraints count, the slots form one sequence; the sessions
// only restrict where a meeting may go, and lunch is not a break: a participant
// meeting in the last morning slot and the first afternoon slot is idle
// at no point. An idle slot on either side of lunch, between two meetings,
// is a break like any other. One contiguous window keeps exactly this,
// since the first afternoon slot starts when the last morning slot ends.
// We rejected putting the afternoon on a later day, which the format would
// allow (breaks are counted within a local day): it would hide every idle
// run that touches lunch, count fewer breaks than the paper, loosen the
// fairness limit, and so make the published optima incomparable.
//
// # Fairness
//
// The format takes the break spread over the people with a meeting. Some
// files (the tic-13 and tic-13crafc families) have participants without a
// meeting and none with a single one; a reading of the paper that counts
// those participants, with no breaks, would bound everyone's breaks by d
// there. We keep the format's rule.
package b2b
