package demo

// This file holds what the press summary does not give but a desk needs:
// codes, seats and translations of names. None of it is a reported fact
// about the meetings; the invented parts (programme, rooms, venues) are in
// venues.go and programme.go and are flagged illustrative.

// Slug is the slug of the demo event.
const Slug = "interpol-ga-2025"

// hostCode is the partner code of the host organisation.
const hostCode = "DGSN-DGST"

// Arabic names the press summary gives only in Latin script.
const (
	eventNameAR     = "الدورة الثالثة والتسعون للجمعية العامة للإنتربول"
	eventCityAR     = "مراكش"
	hostNameAR      = "المديرية العامة للأمن الوطني والمديرية العامة لمراقبة التراب الوطني"
	principalNameAR = "عبد اللطيف حموشي"
)

// orgDetail completes a reported organisation: its partner code, the
// country of its seat and its names in French and Arabic.
type orgDetail struct {
	code, seat, nameFR, nameAR string
}

// orgDetails is keyed by the English name reported, without the role in
// parentheses.
var orgDetails = map[string]orgDetail{
	"INTERPOL General Secretariat":               {"INTERPOL-GS", "FR", "Secrétariat général d'INTERPOL", "الأمانة العامة للإنتربول"},
	"United Nations Police":                      {"UNPOL", "US", "Police des Nations Unies", "شرطة الأمم المتحدة"},
	"Council of Arab Interior Ministers":         {"CAIM", "TN", "Conseil des ministres arabes de l'Intérieur", "مجلس وزراء الداخلية العرب"},
	"Naif Arab University for Security Sciences": {"NAUSS", "SA", "Université arabe Naïf des sciences de sécurité", "جامعة نايف العربية للعلوم الأمنية"},
}

// regionNames gives the French and Arabic names of the press's continents.
var regionNames = map[string][2]string{
	"Europe":        {"Europe", "أوروبا"},
	"Africa":        {"Afrique", "أفريقيا"},
	"Latin America": {"Amérique latine", "أمريكا اللاتينية"},
	"Asia":          {"Asie", "آسيا"},
}
