package bilat_test

import (
	"testing"

	"bilat"
)

func TestProblemPaths(t *testing.T) {
	v := bilat.NewProblems("")
	v.Index("requests", 3).Add("earliest", "is after latest")
	v.At("offer").Required("", "kind")
	v.Check(true, "never", "not recorded")
	err := v.Err("import")
	if got := err.Error(); got != "invalid import: requests[3].earliest: is after latest; offer.kind: is required" {
		t.Errorf("error = %q", got)
	}
	if bilat.ErrorCode(err) != bilat.EINVALID || len(bilat.ErrorProblems(err)) != 2 {
		t.Errorf("code %q, problems %v", bilat.ErrorCode(err), bilat.ErrorProblems(err))
	}
	if bilat.NewProblems("").Err("x") != nil {
		t.Error("no problems must give no error")
	}
}

// Terminal statuses have no moves, and every status but the first can be
// reached from requested.
func TestRequestMachine(t *testing.T) {
	reached := map[bilat.RequestStatus]bool{bilat.StatusRequested: true}
	queue := []bilat.RequestStatus{bilat.StatusRequested}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		for _, n := range s.Moves() {
			if !reached[n] {
				reached[n] = true
				queue = append(queue, n)
			}
		}
	}
	for _, s := range bilat.RequestStatuses {
		if !reached[s] {
			t.Errorf("%s cannot be reached", s)
		}
	}
	for _, s := range []bilat.RequestStatus{bilat.StatusDeclined, bilat.StatusWithdrawn, bilat.StatusHeld, bilat.StatusCancelled, bilat.StatusNoShow} {
		if len(s.Moves()) != 0 {
			t.Errorf("%s is terminal but has moves %v", s, s.Moves())
		}
	}
}

func TestErrorMessagesHideInternals(t *testing.T) {
	if got := bilat.ErrorMessage(errString("pq: password leaked")); got != "internal error" {
		t.Errorf("internal message = %q", got)
	}
	if bilat.ErrorCode(nil) != "" || bilat.ErrorCode(errString("x")) != bilat.EINTERNAL {
		t.Error("error codes of nil and foreign errors")
	}
}

type errString string

func (e errString) Error() string { return string(e) }
