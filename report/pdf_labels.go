package report

import "strings"

// exportLabel is the label key of the PDF, XLSX and map writers in lang,
// from the catalogues' exports.json (key without its "exports." prefix).
func exportLabel(lang, key string) string {
	return catalog().Locale(lang).T("exports." + key)
}

// kindName is an agreement's kind in lang, its code when unknown.
func kindName(lang, kind string) string {
	if s := exportLabel(lang, "kind."+kind); s != "exports.kind."+kind {
		return s
	}
	return kind
}

// summaryParagraphs is the press summary the desk saved, or else the one
// generated, one paragraph a string.
func summaryParagraphs(r *Report) []string {
	var out []string
	for _, p := range strings.Split(r.PressSummary(), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
