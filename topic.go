package bilat

import (
	"context"
	"regexp"
)

// Topic is one entry of the controlled vocabulary of meeting and agreement
// topics; administrators can extend it.
type Topic struct {
	Record
	Code   string `json:"code"` // lower-case slug, such as cybercrime
	NameEN string `json:"name_en"`
	NameFR string `json:"name_fr"`
	NameAR string `json:"name_ar"`
}

var topicCode = regexp.MustCompile(`^[a-z0-9]+(_[a-z0-9]+)*$`)

// Validate checks the topic's fields.
func (t *Topic) Validate() error {
	v := NewProblems("")
	v.Required(t.Code, "code")
	v.Check(t.Code == "" || topicCode.MatchString(t.Code), "code", "must be lower-case words joined by underscores, such as organised_crime")
	v.Required(t.NameEN, "name_en")
	v.Required(t.NameFR, "name_fr")
	v.Required(t.NameAR, "name_ar")
	return v.Err("topic")
}

// DefaultTopics is the vocabulary every new database starts with.
var DefaultTopics = []Topic{
	{Code: "organised_crime", NameEN: "organised crime", NameFR: "criminalité organisée", NameAR: "الجريمة المنظمة"},
	{Code: "cybercrime", NameEN: "cybercrime", NameFR: "cybercriminalité", NameAR: "الجريمة الإلكترونية"},
	{Code: "law_enforcement_public_order", NameEN: "law enforcement and public order", NameFR: "application de la loi et ordre public", NameAR: "إنفاذ القانون والنظام العام"},
	{Code: "terrorism", NameEN: "terrorism", NameFR: "terrorisme", NameAR: "الإرهاب"},
	{Code: "cross_border_crime", NameEN: "cross-border crime", NameFR: "criminalité transfrontalière", NameAR: "الجريمة العابرة للحدود"},
	{Code: "peacekeeping", NameEN: "peacekeeping operations and police units", NameFR: "opérations de maintien de la paix et unités de police", NameAR: "عمليات حفظ السلام ووحدات الشرطة"},
	{Code: "police_training", NameEN: "police training", NameFR: "formation policière", NameAR: "التدريب الشرطي"},
	{Code: "information_exchange", NameEN: "information exchange", NameFR: "échange d'informations", NameAR: "تبادل المعلومات"},
	{Code: "drug_trafficking", NameEN: "drug trafficking", NameFR: "trafic de stupéfiants", NameAR: "الاتجار بالمخدرات"},
	{Code: "human_trafficking", NameEN: "trafficking in human beings", NameFR: "traite des êtres humains", NameAR: "الاتجار بالبشر"},
	{Code: "major_event_security", NameEN: "security of major events", NameFR: "sécurité des grands événements", NameAR: "تأمين التظاهرات الكبرى"},
}

// TopicService stores the topic vocabulary.
type TopicService interface {
	CreateTopic(ctx context.Context, a Actor, t *Topic) error
	Topic(ctx context.Context, code string) (*Topic, error)
	ListTopics(ctx context.Context) ([]*Topic, error)
	UpdateTopic(ctx context.Context, a Actor, t *Topic) error
}
