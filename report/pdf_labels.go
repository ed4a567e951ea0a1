package report

import "strings"

// exportLabels are the words the PDF, XLSX and map writers draw around the
// report's data, per language. They live here rather than in i18n/ because
// the report package draws files outside any web page.
var exportLabels = map[string]map[string]string{
	"en": {
		"kind.memorandum_of_understanding": "Memorandum of understanding",
		"kind.agreement":                   "Agreement",
		"kind.letter_of_intent":            "Letter of intent",
		"kind.protocol":                    "Protocol",
		"kind.exchange_of_letters":         "Exchange of letters",
		"kind.other":                       "Other",
		"title":                            "Report",
		"map.title":                        "Countries met",
		"map.organisations":                "Organisations met",
		"map.none":                         "None",
		"figures":                          "Figures",
		"fig.requests":                     "Requests received",
		"fig.accepted":                     "Requests accepted",
		"fig.held":                         "Meetings held",
		"fig.counterparts":                 "Counterparts met",
		"fig.countries":                    "Countries and territories met",
		"fig.claimed":                      "Meetings announced",
		"region":                           "Region",
		"counterparts":                     "Counterparts",
		"members":                          "Members",
		"topic":                            "Topic",
		"meetings":                         "Meetings",
		"day":                              "Day",
		"agreements":                       "Agreements signed",
		"kind":                             "Kind",
		"agreement":                        "Title",
		"scope":                            "Scope",
		"signed_on":                        "Signed on",
		"parties":                          "Parties",
		"summary":                          "Summary",
		"by_region":                        "Counterparts by region",
		"by_topic":                         "Meetings by topic",
		"by_day":                           "Meetings by day",
		"no_agreements":                    "No agreement was signed.",
	},
	"fr": {
		"kind.memorandum_of_understanding": "Mémorandum d’entente",
		"kind.agreement":                   "Accord",
		"kind.letter_of_intent":            "Lettre d’intention",
		"kind.protocol":                    "Protocole",
		"kind.exchange_of_letters":         "Échange de lettres",
		"kind.other":                       "Autre",
		"title":                            "Rapport",
		"map.title":                        "Pays rencontrés",
		"map.organisations":                "Organisations rencontrées",
		"map.none":                         "Aucune",
		"figures":                          "Chiffres",
		"fig.requests":                     "Demandes reçues",
		"fig.accepted":                     "Demandes acceptées",
		"fig.held":                         "Entretiens tenus",
		"fig.counterparts":                 "Interlocuteurs rencontrés",
		"fig.countries":                    "Pays et territoires rencontrés",
		"fig.claimed":                      "Entretiens annoncés",
		"region":                           "Région",
		"counterparts":                     "Interlocuteurs",
		"members":                          "Membres",
		"topic":                            "Thème",
		"meetings":                         "Entretiens",
		"day":                              "Jour",
		"agreements":                       "Accords signés",
		"kind":                             "Type",
		"agreement":                        "Intitulé",
		"scope":                            "Portée",
		"signed_on":                        "Signé le",
		"parties":                          "Parties",
		"summary":                          "Synthèse",
		"by_region":                        "Interlocuteurs par région",
		"by_topic":                         "Entretiens par thème",
		"by_day":                           "Entretiens par jour",
		"no_agreements":                    "Aucun accord n’a été signé.",
	},
	"ar": {
		"kind.memorandum_of_understanding": "مذكرة تفاهم",
		"kind.agreement":                   "اتفاق",
		"kind.letter_of_intent":            "خطاب نوايا",
		"kind.protocol":                    "بروتوكول",
		"kind.exchange_of_letters":         "تبادل رسائل",
		"kind.other":                       "أخرى",
		"title":                            "تقرير",
		"map.title":                        "البلدان التي جرى لقاؤها",
		"map.organisations":                "المنظمات التي جرى لقاؤها",
		"map.none":                         "لا شيء",
		"figures":                          "الأرقام",
		"fig.requests":                     "الطلبات الواردة",
		"fig.accepted":                     "الطلبات المقبولة",
		"fig.held":                         "اللقاءات المنعقدة",
		"fig.counterparts":                 "المحاورون الذين جرى لقاؤهم",
		"fig.countries":                    "البلدان والأقاليم التي جرى لقاؤها",
		"fig.claimed":                      "اللقاءات المعلنة",
		"region":                           "المنطقة",
		"counterparts":                     "المحاورون",
		"members":                          "الأعضاء",
		"topic":                            "الموضوع",
		"meetings":                         "اللقاءات",
		"day":                              "اليوم",
		"agreements":                       "الاتفاقات الموقعة",
		"kind":                             "النوع",
		"agreement":                        "العنوان",
		"scope":                            "النطاق",
		"signed_on":                        "تاريخ التوقيع",
		"parties":                          "الأطراف",
		"summary":                          "الملخص",
		"by_region":                        "المحاورون حسب المنطقة",
		"by_topic":                         "اللقاءات حسب الموضوع",
		"by_day":                           "اللقاءات حسب اليوم",
		"no_agreements":                    "لم يوقع أي اتفاق.",
	},
}

// exportLabel is the label key in lang, English when lang is unknown.
func exportLabel(lang, key string) string {
	if l, ok := exportLabels[lang]; ok {
		return l[key]
	}
	return exportLabels["en"][key]
}

// kindName is an agreement's kind in lang, its code when unknown.
func kindName(lang, kind string) string {
	if s := exportLabel(lang, "kind."+kind); s != "" {
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
