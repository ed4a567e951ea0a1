package report

import "errors"

// MapSVG draws the world with the countries met (r.Met) shaded and the
// organisations met listed beside it.
func MapSVG(r *Report) ([]byte, error) { return nil, errors.New("report: map not drawn yet") }
