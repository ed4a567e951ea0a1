package main

import (
	"database/sql"
	"strings"
	"testing"
)

// seededAuditDB returns a database file holding the demo.
func seededAuditDB(t *testing.T) string {
	t.Helper()
	file := tempDB(t)
	mustRun(t, "--db", file, "seed", "demo")
	return file
}

// tamper runs q on the database file directly, as someone with the file.
func tamper(t *testing.T, file, q string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+file)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	res, err := db.Exec(q)
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		t.Fatalf("%s changed %d rows", q, n)
	}
}

func TestAuditVerify(t *testing.T) {
	whole := seededAuditDB(t)
	out := mustRun(t, "--db", whole, "audit", "verify")
	if !strings.Contains(out, "the audit chain is whole") || !strings.Contains(out, "newest hash: ") {
		t.Errorf("verify printed %q", out)
	}
	for _, c := range []struct{ name, sql, want string }{
		{"edited", "UPDATE audit SET after_json = '{\"name\":\"forged\"}' WHERE id = 40", "entry 40 (edited)"},
		{"deleted", "DELETE FROM audit WHERE id = 41", "entry 42 (deleted)"},
		{"newest deleted", "DELETE FROM audit WHERE id = (SELECT max(id) FROM audit)", "(truncated)"},
	} {
		t.Run(c.name, func(t *testing.T) {
			file := seededAuditDB(t)
			tamper(t, file, c.sql)
			code, _, errs := runMain(t, "", "--db", file, "audit", "verify")
			if code != 1 || !strings.Contains(errs, c.want) {
				t.Errorf("exit %d, stderr %q; want 1 and %q", code, errs, c.want)
			}
		})
	}
	if code, _, _ := runMain(t, "", "--db", whole, "audit", "mend"); code != 2 {
		t.Errorf("an unknown subcommand: exit %d, want 2", code)
	}
	if code, _, _ := runMain(t, "", "--db", whole, "audit"); code != 2 {
		t.Errorf("no subcommand: exit %d, want 2", code)
	}
}
