package main

import (
	"context"
	"flag"
	"fmt"
	"strings"
)

// command is one subcommand of bilat. Its setup declares its flags on its
// own flag set and returns the action that runs it with those flags.
type command struct {
	name    string
	args    string // the operands, as shown in the usage line
	summary string // one line, for the list of commands
	help    string // what the command does, shown by -h

	minArgs, maxArgs int // how many operands; maxArgs -1 means no limit
	usesDB           bool
	dbDefault        string // the database when --db is not given, if not the global one

	setup func(m *Main, fs *flag.FlagSet) action
}

// action runs a command with its operands.
type action func(ctx context.Context, args []string) error

// commands is the dispatch table, in the order the usage lists them.
func commands() []*command {
	return []*command{
		serveCommand(),
		demoCommand(),
		migrateCommand(),
		seedCommand(),
		eventsCommand(),
		exportCommand(),
		importCommand(),
		scheduleCommand(),
		resolveCommand(),
		convertCommand(),
		checkCommand(),
		solveCommand(),
		benchCommand(),
		userCommand(),
		tokenCommand(),
		remindCommand(),
		auditCommand(),
		reportCommand(),
		versionCommand(),
	}
}

// lookup returns the command called name, or nil.
func lookup(name string) *command {
	for _, c := range commands() {
		if c.name == name {
			return c
		}
	}
	return nil
}

// printUsage prints the command's usage line, help and flags.
func (c *command) printUsage(fs *flag.FlagSet) {
	w := fs.Output()
	line := strings.TrimSpace("bilat " + c.name + " [flags] " + c.args)
	fmt.Fprintf(w, "Usage: %s\n\n%s\n", line, c.help)
	flags := 0
	fs.VisitAll(func(*flag.Flag) { flags++ })
	if flags > 0 {
		fmt.Fprint(w, "\nFlags:\n")
		fs.PrintDefaults()
	}
}
