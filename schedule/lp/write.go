package lp

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"bilat/schedule"
)

// scope is the header of every LP file: what the model holds and leaves out.
var scope = []string{
	"Time-indexed model: binary x<i> = meeting held with one alternative from one",
	"start on the granularity grid in one room class (interchangeable rooms).",
	"Maximises weight + preferred bonus (+ move penalty saved; the constant",
	"-move_penalty x len(previous) is left out).",
	"Modelled: windows, earliest/latest, fixed, mandatory, at most once, rooms",
	"(allowed, capacity, features, unavailability), room no-overlap per class and",
	"minute, person unavailability, person no-overlap with buffer, travel between",
	"venues (pairwise, over continuous y<i> = a person's meetings at one venue",
	"covering one minute), max_meetings_per_day per local day, after.",
	"Not modelled: break_penalty, max_break_spread.",
}

// termsPerLine keeps lines short for readers with a line-length limit.
const termsPerLine = 12

// Write writes the problem as a time-indexed MIP in CPLEX LP format. Use
// Build and Model.WriteTo to keep the Mapping that decodes a solution.
func Write(w io.Writer, p *schedule.Problem) error {
	m, err := Build(p)
	if err != nil {
		return err
	}
	_, err = m.WriteTo(w)
	return err
}

// WriteTo writes the model in CPLEX LP format.
func (m *Model) WriteTo(w io.Writer) (int64, error) {
	cw := &countingWriter{w: w}
	bw := bufio.NewWriter(cw)
	m.writeHeader(bw)
	m.writeObjective(bw)
	m.writeRows(bw)
	m.writeBinaries(bw)
	fmt.Fprintln(bw, "End")
	err := bw.Flush()
	return cw.n, err
}

func (m *Model) writeHeader(w *bufio.Writer) {
	name := strings.Join(strings.Fields(m.Problem.Name), " ")
	fmt.Fprintf(w, "\\ bilat %s %s\n", schedule.ProblemFormat, name)
	for _, line := range scope {
		fmt.Fprintf(w, "\\ %s\n", line)
	}
	fmt.Fprintf(w, "\\ %d binary variables, %d auxiliary, %d constraints\n", len(m.Vars), m.aux, len(m.rows)+len(m.infeasible))
	for _, id := range m.infeasible {
		fmt.Fprintf(w, "\\ mandatory meeting %s has no feasible start and room\n", id)
	}
}

func (m *Model) writeObjective(w *bufio.Writer) {
	fmt.Fprint(w, "Maximize\n obj:")
	if len(m.Vars) == 0 {
		fmt.Fprint(w, " 0 z") // an empty objective is not LP syntax
	}
	for v, x := range m.Vars {
		if v > 0 {
			fmt.Fprint(w, " +")
		}
		fmt.Fprintf(w, " %s x%d", strconv.FormatFloat(x.Obj, 'g', -1, 64), v)
		if (v+1)%termsPerLine == 0 {
			fmt.Fprint(w, "\n ")
		}
	}
	fmt.Fprintln(w)
}

// writeRows writes the constraints; a mandatory meeting without variables
// becomes z = 1 with z fixed at 0, so that CBC reports the model infeasible.
func (m *Model) writeRows(w *bufio.Writer) {
	fmt.Fprintln(w, "Subject To")
	for n, r := range m.rows {
		fmt.Fprintf(w, " %s:", rowName(r, n))
		writeTerms(w, r.vars, "x", 1, false)
		writeTerms(w, r.aux, "y", r.auxCoef, len(r.vars) > 0)
		fmt.Fprintf(w, " %s %d\n", r.op, r.rhs)
	}
	for n := range m.infeasible {
		fmt.Fprintf(w, " i%d: z = 1\n", n)
	}
	if len(m.infeasible) > 0 || len(m.Vars) == 0 {
		fmt.Fprint(w, "Bounds\n z = 0\n")
	}
}

// writeTerms writes coef·name<i> for each i, after other terms if more.
func writeTerms(w *bufio.Writer, ids []int, name string, coef int, more bool) {
	sign := " +"
	if coef < 0 {
		sign = " -"
	}
	for k, v := range ids {
		if more || k > 0 || coef < 0 {
			fmt.Fprint(w, sign)
		}
		fmt.Fprintf(w, " %s%d", name, v)
		if (k+1)%termsPerLine == 0 {
			fmt.Fprint(w, "\n ")
		}
	}
}

func (m *Model) writeBinaries(w *bufio.Writer) {
	if len(m.Vars) == 0 {
		return
	}
	fmt.Fprint(w, "Binaries\n")
	for v := range m.Vars {
		fmt.Fprintf(w, " x%d", v)
		if (v+1)%termsPerLine == 0 || v == len(m.Vars)-1 {
			fmt.Fprintln(w)
		}
	}
}

// Stats returns the model's size: variables (binary and auxiliary) and
// constraints.
func (m *Model) Stats() (vars, rows int) {
	return len(m.Vars) + m.aux, len(m.rows) + len(m.infeasible)
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
