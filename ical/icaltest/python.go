// Package icaltest checks calendars with an independent parser: Debian's
// python3-icalendar, run as /usr/bin/python3 (not a python3 of another
// installation that may lack the module).
package icaltest

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"testing"
)

// python is Debian's interpreter, which has python3-icalendar.
const python = "/usr/bin/python3"

// Python runs script with the calendar on its standard input and decodes
// what it prints as JSON into out. The script starts with icalendar
// imported and the calendar parsed as cal. Without python3-icalendar the
// test is skipped, unless BILAT_REQUIRE_TOOLS is set (as in CI): then it
// fails.
func Python(t testing.TB, calendar []byte, script string, out any) {
	t.Helper()
	if err := exec.Command(python, "-c", "import icalendar").Run(); err != nil {
		if os.Getenv("BILAT_REQUIRE_TOOLS") != "" {
			t.Fatalf("python3-icalendar is required (BILAT_REQUIRE_TOOLS is set): %v", err)
		}
		t.Skipf("python3-icalendar is not installed: %v", err)
	}
	prelude := "import datetime, icalendar, json, sys\ncal = icalendar.Calendar.from_ical(sys.stdin.buffer.read())\n"
	cmd := exec.Command(python, "-c", prelude+script)
	cmd.Stdin = bytes.NewReader(calendar)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.Output()
	if err != nil {
		t.Fatalf("python3-icalendar refused the calendar: %v\n%s", err, stderr.Bytes())
	}
	if err := json.Unmarshal(stdout, out); err != nil {
		t.Fatalf("python3-icalendar's answer: %v\n%s", err, stdout)
	}
}
