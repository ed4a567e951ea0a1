package main

import (
	"context"
	"flag"
	"fmt"

	"bilat"
)

func auditCommand() *command {
	return &command{
		name:    "audit",
		args:    "verify",
		summary: "verify the audit trail's hash chain",
		help: "Audit checks the audit trail.\n\n" +
			"  bilat audit verify\n\n" +
			"verify walks the trail from its oldest entry and recomputes each entry's\n" +
			"hash, which covers the entry and the hash of the entry before it. It reports\n" +
			"the first broken link: an entry edited, an entry deleted, entries out of\n" +
			"order, or the newest entries deleted. It exits 1 when the chain is broken and\n" +
			"0 when it is whole, printing the number of entries and the newest hash (note\n" +
			"it elsewhere: someone able to rewrite the whole database could rebuild the\n" +
			"chain, but not make it end on a hash recorded outside it). Entries written\n" +
			"before the chain existed (databases older than the chain) are counted apart.",
		minArgs: 1,
		maxArgs: 1,
		usesDB:  true,
		setup: func(m *Main, fs *flag.FlagSet) action {
			return m.audit
		},
	}
}

// audit runs the audit subcommands.
func (m *Main) audit(ctx context.Context, args []string) error {
	if args[0] != "verify" {
		return usagef("audit: say verify")
	}
	db, err := m.open(ctx)
	if err != nil {
		return err
	}
	c, err := db.VerifyAudit(ctx)
	if err != nil {
		return err
	}
	if b := c.Broken; b != nil {
		return fmt.Errorf("the audit chain is broken at entry %d (%s): %s", b.ID, b.Kind, b.Detail)
	}
	return m.printAuditCheck(c)
}

// printAuditCheck says what a whole chain holds.
func (m *Main) printAuditCheck(c *bilat.AuditCheck) error {
	fmt.Fprintf(m.Stdout, "the audit chain is whole: %d entries\n", c.Entries-c.Unchained)
	if c.Unchained > 0 {
		fmt.Fprintf(m.Stdout, "%d older entries were written before the chain began and cannot be verified\n", c.Unchained)
	}
	if c.Head != "" {
		fmt.Fprintf(m.Stdout, "newest hash: %s\n", c.Head)
	}
	return nil
}
