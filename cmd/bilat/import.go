package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"bilat"
)

func importCommand() *command {
	return &command{
		name:    "import",
		args:    "FILE",
		summary: "load an exported event as a new event",
		help: "Import reads an export document (format " + bilat.ExportFormat + ") from FILE, or from\n" +
			"standard input when FILE is -, and loads it as a new event, all or nothing. It\n" +
			"prints the new event's id and slug. When the document is invalid nothing is\n" +
			"loaded and every problem is printed, one per line, as \"field: message\".",
		minArgs: 1, maxArgs: 1,
		usesDB: true,
		setup: func(m *Main, _ *flag.FlagSet) action {
			return func(ctx context.Context, args []string) error {
				data, err := m.readInput(args[0])
				if err != nil {
					return err
				}
				doc, err := decodeExport(data)
				if err != nil {
					return err
				}
				db, err := m.open(ctx)
				if err != nil {
					return err
				}
				e, err := db.ImportEvent(ctx, bilat.LocalActor, doc)
				if err != nil {
					return err
				}
				fmt.Fprintf(m.Stdout, "imported event %d %s\n", e.ID, e.Slug)
				return nil
			}
		},
	}
}

// readInput reads the file name, or standard input for "-".
func (m *Main) readInput(name string) ([]byte, error) {
	if name == "-" {
		return io.ReadAll(m.Stdin)
	}
	return os.ReadFile(name)
}

// decodeExport parses an export document strictly: unknown fields and
// anything after the document are refused, as invalid input.
func decodeExport(data []byte) (*bilat.EventExport, error) {
	var doc bilat.EventExport
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	err := dec.Decode(&doc)
	if err == nil && dec.More() {
		err = errors.New("there is more after the document")
	}
	if err != nil {
		return nil, &bilat.Error{Code: bilat.EINVALID, Message: "not a readable export document", Problems: []bilat.Problem{jsonProblem(err)}}
	}
	return &doc, nil
}

// jsonProblem describes a JSON decoding error for a person.
func jsonProblem(err error) bilat.Problem {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.Is(err, io.EOF):
		return bilat.Problem{Message: "the input is empty"}
	case errors.Is(err, io.ErrUnexpectedEOF):
		return bilat.Problem{Message: "the document ends too early: is the file truncated?"}
	case errors.As(err, &syntax):
		return bilat.Problem{Message: fmt.Sprintf("byte %d: %v", syntax.Offset, err)}
	case errors.As(err, &typ):
		return bilat.Problem{Field: typ.Field, Message: fmt.Sprintf("must be %s, not %s", typ.Type, typ.Value)}
	}
	return bilat.Problem{Message: err.Error()}
}
