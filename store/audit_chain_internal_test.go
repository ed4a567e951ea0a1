package store

import (
	"testing"

	"bilat"
)

// chained makes n entries linked one to the next, as appendAudit does.
func chained(n int) []*auditRow {
	var out []*auditRow
	prev := ""
	for i := range n {
		r := &auditRow{id: int64(i + 1), at: "2025-11-24T09:00:00.000000Z", actor: "desk", address: "local", action: "update", entity: "person", entityID: 7}
		relink(r, prev)
		out, prev = append(out, r), *r.hash
	}
	return out
}

// relink makes r link to prev and rehashes it, as a forger who knows the
// encoding would.
func relink(r *auditRow, prev string) {
	h := r.hashOf(prev)
	r.prevHash, r.hash = &prev, &h
}

func walk(rows []*auditRow, headID int64, headHash string) bilat.AuditCheck {
	w := chainWalk{seen: map[string]int64{}}
	for _, r := range rows {
		if w.check.Broken != nil {
			break
		}
		w.step(r)
	}
	if w.check.Broken == nil {
		w.finish(headID, headHash)
	}
	return w.check
}

func TestChainWalkKinds(t *testing.T) {
	rows := chained(4)
	if c := walk(rows, 4, *rows[3].hash); c.Broken != nil || c.Entries != 4 {
		t.Fatalf("a whole chain: %+v", c)
	}
	// Entry 4 relinked to entry 2, its own hash recomputed: the link
	// points back past entry 3.
	forged := chained(4)
	relink(forged[3], *forged[1].hash)
	if c := walk(forged, 4, *forged[3].hash); c.Broken == nil || c.Broken.Kind != bilat.AuditReordered || c.Broken.ID != 4 {
		t.Errorf("a link back past an entry: %+v", c.Broken)
	}
	// The same entry rehashed after the head was written: only the head
	// tells.
	if c := walk(rows, 3, *rows[2].hash); c.Broken == nil || c.Broken.Kind != bilat.AuditEdited || c.Broken.ID != 4 {
		t.Errorf("entries past the head: %+v", c.Broken)
	}
	// Two encodings that a naive concatenation would confuse.
	a := &auditRow{id: 1, actor: "ab", address: "c"}
	b := &auditRow{id: 1, actor: "a", address: "bc"}
	if a.hashOf("") == b.hashOf("") {
		t.Error("moving a character between fields keeps the hash")
	}
	n := &auditRow{id: 1}
	e := &auditRow{id: 1, before: new(string)}
	if n.hashOf("") == e.hashOf("") {
		t.Error("NULL and the empty string hash alike")
	}
}
