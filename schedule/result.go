package schedule

// schedule writes the state as a bilat-schedule/1 document, with a reason
// for every meeting left out.
func (s *state) schedule() *Schedule {
	out := &Schedule{Format: ScheduleFormat, Assignments: []Assignment{}, Unscheduled: []Unscheduled{}}
	for i, pl := range s.at {
		mm := &s.m.meetings[i]
		if pl.v < 0 {
			out.Unscheduled = append(out.Unscheduled, s.explain(i))
			continue
		}
		a := Assignment{Meeting: mm.id, Start: s.m.time(pl.start), Room: s.m.rooms[pl.room].id}
		if alt := mm.variants[pl.v].alt; alt >= 0 {
			a.Alternative = &alt
		}
		out.Assignments = append(out.Assignments, a)
		out.ScheduledWeight += mm.variants[pl.v].weight
	}
	out.Score = s.score()
	return out
}

// infeasible returns an *Infeasible when a mandatory or fixed meeting is
// left out or the spread of breaks is too wide, else nil.
func (s *state) infeasible() error {
	var inf Infeasible
	for i, pl := range s.at {
		if pl.v < 0 && s.m.meetings[i].mandatory {
			inf.Meetings = append(inf.Meetings, s.explain(i))
		}
	}
	if len(inf.Meetings) == 0 && !s.spreadOK() {
		inf.Meetings = append(inf.Meetings, Unscheduled{Code: CodeBreakSpread, Reason: "no schedule found keeps the spread of breaks within max_break_spread"})
	}
	if len(inf.Meetings) == 0 {
		return nil
	}
	return &inf
}

// staticInfeasible reports mandatory meetings that have no place at all
// before anything else is placed.
func (m *model) staticInfeasible() error {
	s := newState(m)
	var inf Infeasible
	for i := range m.meetings {
		if m.meetings[i].mandatory && m.options(i) == 0 {
			inf.Meetings = append(inf.Meetings, s.explain(i))
		}
	}
	if len(inf.Meetings) == 0 {
		return nil
	}
	return &inf
}
