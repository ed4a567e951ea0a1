package b2b

import (
	"path/filepath"
	"strings"
)

// The published results of Bofill et al., JAIR 74 (2022) 263–301: the
// optimal number of breaks of the 20 original instances with fairness
// d = 2 (Table 5), and the variants proved infeasible (Tables 6–11), keyed
// by the file's base name without ".dzn" (such as "forum-13.original").
//
// Both tables are empty: the paper's figures were not at hand when this
// package was written, and a figure that is not the paper's would make the
// benchmark lie. They must be copied from the paper itself.
var (
	publishedOptimum    = map[string]int{}
	publishedInfeasible = map[string]bool{}
)

// PublishedOptimum returns the optimal number of breaks the paper reports
// for the instance file (a path or a base name, with or without ".dzn"),
// with fairness d = 2.
func PublishedOptimum(file string) (breaks int, ok bool) {
	breaks, ok = publishedOptimum[instanceName(file)]
	return breaks, ok
}

// PublishedInfeasible reports whether the paper proves the instance file
// infeasible.
func PublishedInfeasible(file string) bool {
	return publishedInfeasible[instanceName(file)]
}

// instanceName returns the base name of file without ".dzn".
func instanceName(file string) string {
	return strings.TrimSuffix(filepath.Base(file), ".dzn")
}
