// Package demo builds the Marrakech demonstration event: the bilateral
// meetings held by the host's Director General at the 93rd INTERPOL General
// Assembly (Marrakech, 24–27 November 2025).
//
// The facts come only from the embedded marrakech-2025.json, a copy of the
// press summary kept in shared/data; only its "reported" fields are facts.
// Everything the press did not publish is invented, deterministically, and
// flagged: records that have an Illustrative field carry it, and people,
// delegations and agreements that are partly invented say so in their Notes.
// Unreported people are never given invented personal names: they are
// named by their role ("Head of delegation, Germany").
//
// The package writes through the bilat.Desk services only, never SQL, so the
// demo exercises the same validation and audit trail as the desk itself.
// Build is not one transaction: if a step fails, what was created before it
// stays, and the error names the step.
//
// # Counting
//
// The press reports 196 delegations, 43 bilateral meetings, and 52
// counterparts: 46 countries grouped by continent, 4 organisations, and
// Norway and Ethiopia through the two memoranda signed. Meetings and
// counterparts are counted separately and the difference is kept visible:
//
//   - 197 delegations are recorded: the host's own (DGSN-DGST) and 196
//     visiting ones. The visiting ones are the 52 counterparts and, to reach
//     the reported 196, further countries chosen in a fixed order (UN members
//     by alpha-2 code, then the other countries), skipping the host country
//     and the counterparts. These further delegations are illustrative and
//     make no request.
//   - 52 requests are recorded, one per counterpart, each asking for the
//     Director General.
//   - 43 requests end held, each with its meeting; the other 9 stay accepted
//     and unscheduled, with a note saying the press does not report them as
//     held. Which 9 is not known: the counterparts are ranked with the two
//     memorandum countries first (their meetings must exist for the
//     agreements to refer to), then the organisations, then the press's
//     countries taken in turn from each of its continents, and the last 9 of
//     that ranking stay unscheduled.
//
// Rooms, the plenary programme, times, durations, priorities and the topics
// of each request were not published and are illustrative; the topics are
// drawn from the reported list of topics discussed.
package demo
