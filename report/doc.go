// Package report owns the event's report: the figures (meetings held,
// requests, counterparts, counted separately, with their difference
// explained), the breakdowns by region under a chosen scheme, by topic and
// by day, the agreements signed, the SVG charts and world map, and the
// press summary in French, English and Arabic.
//
// Build reads the desk through bilat's services into a Report; the
// writers (text, HTML, SVG here; PDF and XLSX in their own files) only
// draw a Report. The package must not touch storage or HTTP.
package report
