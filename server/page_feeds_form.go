package server

import (
	"net/http"
	"strconv"
	"strings"

	"bilat"
	"bilat/i18n"
)

// feedsCreate makes a feed. The desk chooses any subject of the event; a
// principal or a liaison gets their own feed, and asking for anyone
// else's is refused.
func (s *Server) feedsCreate(w http.ResponseWriter, r *http.Request, v *view) error {
	if err := r.ParseForm(); err != nil {
		return bilat.Errorf(bilat.EINVALID, "the form could not be read: %v", err)
	}
	f := newForm(r.PostForm)
	_, e, err := s.feedsEvents(r.Context(), r, v.User)
	if err != nil {
		return err
	}
	own := "user:" + strconv.FormatInt(v.User.ID, 10)
	subject := strings.TrimSpace(r.PostFormValue("subject"))
	if !v.Staff() {
		if subject != "" && subject != own {
			return bilat.Errorf(bilat.EFORBIDDEN, "a %s may make only their own calendar feed", roleName(v.User.Role))
		}
		subject = own
	}
	feed := &bilat.Feed{Name: r.PostFormValue("name")}
	if e != nil {
		feed.EventID = e.ID
	}
	kind, id, ok := strings.Cut(subject, ":")
	feed.Kind = bilat.FeedKind(kind)
	feed.SubjectID, _ = strconv.ParseInt(id, 10, 64)
	if !ok || feed.SubjectID <= 0 {
		f.Problems["subject"] = v.L.T("feeds.problem.subject")
	}
	if !contains([]string{"", "en", "fr", "ar"}, f.Value("language")) {
		f.Problems["language"] = v.L.T("feeds.problem.language")
	}
	if len(f.Problems) > 0 {
		return s.feedsPage(w, r, v, http.StatusUnprocessableEntity, f, "", "")
	}
	secret, err := s.desk.CreateFeed(r.Context(), actor(r), feed)
	if err != nil {
		if feedsFail(v.L, f, err) {
			return s.feedsPage(w, r, v, http.StatusUnprocessableEntity, f, "", "")
		}
		return err
	}
	return s.feedsPage(w, r, v, http.StatusCreated, newForm(nil), secret, f.Value("language"))
}

// feedsFail puts the store's problems beside the form's fields: the
// subject's kind and id are one field, the subject select.
func feedsFail(l *i18n.Locale, f *form, err error) bool {
	if bilat.ErrorCode(err) != bilat.EINVALID {
		return false
	}
	mapped := &bilat.Error{Code: bilat.EINVALID, Message: bilat.ErrorMessage(err)}
	for _, p := range bilat.ErrorProblems(err) {
		switch p.Field {
		case "kind", "subject_id", "event_id":
			p.Field = "subject"
		}
		mapped.Problems = append(mapped.Problems, p)
	}
	return f.Fail(l, mapped, "subject", "name")
}

// feedsRevoke revokes a feed. Staff may revoke any; anyone else only
// their own, and another's id is answered as one that does not exist.
func (s *Server) feedsRevoke(w http.ResponseWriter, r *http.Request, v *view) error {
	notFound := bilat.Errorf(bilat.ENOTFOUND, "no such calendar feed")
	id, err := strconv.ParseInt(r.PathValue("token"), 10, 64)
	if err != nil {
		return notFound
	}
	f, err := s.desk.Feed(r.Context(), id)
	if bilat.ErrorCode(err) == bilat.ENOTFOUND || (err == nil && !v.Staff() && f.UserID != v.User.ID) {
		return notFound
	} else if err != nil {
		return err
	}
	if err := s.desk.RevokeFeed(r.Context(), actor(r), id); err != nil {
		return err
	}
	redirect(w, r, "/feeds")
	return nil
}
