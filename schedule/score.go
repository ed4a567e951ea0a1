package schedule

// Score returns the score of s for p as the specification defines it:
// the weight and the earned bonus of each meeting held, less the move and
// break penalties. It is Check's score.
func Score(p *Problem, s *Schedule) float64 {
	return Check(p, s).Score
}

// score fills in the score of the report and its terms; the breaks must
// have been counted.
func (c *checker) score(r *Report) {
	for _, h := range c.held {
		w := h.weight()
		r.ScheduledWeight += w
		r.Score += w + h.bonus()
	}
	r.BreaksByPerson = c.breaks
	for _, n := range c.breaks {
		r.Breaks += n
	}
	r.Moved = c.moved()
	o := c.p.Objective
	r.Score -= o.MovePenalty*float64(r.Moved) + o.BreakPenalty*float64(r.Breaks)
}

// weight is the meeting's weight, or that of the alternative held.
func (h *heldMeeting) weight() float64 {
	w := h.m.WeightOr1()
	if h.alt != nil {
		w = h.alt.WeightOr(w)
	}
	return w
}

// bonus is the largest bonus of the preferred intervals that wholly hold
// the meeting.
func (h *heldMeeting) bonus() float64 {
	best := 0.0
	for _, pr := range h.m.Preferred {
		if !h.start.Before(pr.Start) && !h.end.After(pr.End) {
			best = max(best, pr.Bonus)
		}
	}
	return best
}

// moved counts the meetings of the previous schedule that are no longer
// held, or are held at another start or in another room.
func (c *checker) moved() int {
	n := 0
	for _, pl := range c.p.Previous {
		k, ok := c.meetings[pl.Meeting]
		if !ok {
			continue
		}
		h := c.byIndex[k]
		if h == nil || !h.start.Equal(pl.Start) || h.a.Room != pl.Room {
			n++
		}
	}
	return n
}

// countBreaks counts the breaks of person id, whose meetings list is sorted
// by start: idle gaps between consecutive meetings on one local day longer
// than the person's buffer plus the travel between the two rooms.
func (c *checker) countBreaks(id string, list []*heldMeeting) int {
	n := 0
	for i := 1; i < len(list); i++ {
		a, b := list[i-1], list[i]
		if a.day != b.day {
			continue
		}
		buffer, travel := c.between(id, a, b)
		if b.start.Sub(a.end) > minutesOf(buffer, travel) {
			n++
		}
	}
	return n
}
