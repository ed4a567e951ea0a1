package server

import (
	"context"
	"net/http"
	"strconv"

	"bilat"
	"bilat/auth"
)

// adminPages are the administrators' management of accounts: list them,
// create one (with a one-time password), change a role, binding or the
// disabled flag, reset a password, and revoke anyone's API tokens.
func (s *Server) adminPages() []pageRoute {
	return []pageRoute{
		{"GET", "/admin/users", admin, s.adminUsers},
		{"GET", "/admin/users/new", admin, s.adminUserNew},
		{"POST", "/admin/users/new", admin, s.adminUserCreate},
		{"GET", "/admin/users/{id}", admin, s.adminUserEdit},
		{"POST", "/admin/users/{id}", admin, s.adminUserUpdate},
		{"POST", "/admin/users/{id}/reset", admin, s.adminUserReset},
		{"POST", "/admin/users/{id}/disable", admin, s.adminUserDisable},
		{"POST", "/admin/users/{id}/enable", admin, s.adminUserEnable},
		{"POST", "/admin/users/{id}/tokens/{token}/revoke", admin, s.adminTokenRevoke},
	}
}

// adminUserList is the accounts page.
type adminUserList struct {
	Users    []*bilat.User
	Bindings map[int64]string // user id → person, or delegation and event
	Role     string           // the role filtered on, or ""
	Roles    []bilat.Role
	Refused  string // why the last action was refused
}

func (s *Server) adminUsers(w http.ResponseWriter, r *http.Request, v *view) error {
	return s.adminUsersPage(w, r, http.StatusOK, v, "")
}

func (s *Server) adminUsersPage(w http.ResponseWriter, r *http.Request, status int, v *view, refused string) error {
	ctx := r.Context()
	role := r.URL.Query().Get("role")
	if !contains(adminRoleNames(), role) {
		role = ""
	}
	users, err := all(ctx, func(ctx context.Context, p bilat.Page) ([]*bilat.User, int, error) {
		return s.desk.ListUsers(ctx, bilat.UserFilter{Role: bilat.Role(role), Page: p})
	})
	if err != nil {
		return err
	}
	d := &adminUserList{Users: users, Bindings: map[int64]string{}, Role: role, Roles: bilat.Roles, Refused: refused}
	for _, u := range users {
		if d.Bindings[u.ID], err = s.accountBinding(ctx, v, u); err != nil {
			return err
		}
	}
	v.Title, v.Nav, v.Data = v.L.T("admin.users.title"), "account", d
	return s.render(w, status, "admin-users", v)
}

func adminRoleNames() []string {
	out := make([]string, len(bilat.Roles))
	for i, r := range bilat.Roles {
		out[i] = string(r)
	}
	return out
}

// adminUser reads the user the path's {id} names.
func (s *Server) adminUser(r *http.Request) (*bilat.User, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return nil, bilat.Errorf(bilat.ENOTFOUND, "no such user")
	}
	return s.desk.User(r.Context(), id)
}

// adminSecret is the page that shows a one-time password, once.
type adminSecret struct {
	User     *bilat.User
	Password string
	New      bool
}

// adminShowSecret shows a new account's or a reset's one-time password.
// It is rendered in answer to the post, never stored, so it cannot be
// shown twice.
func (s *Server) adminShowSecret(w http.ResponseWriter, status int, v *view, u *bilat.User, password string, created bool) error {
	accountNoStore(w)
	v.Title, v.Nav, v.Data = v.L.T("admin.secret.title"), "account", &adminSecret{User: u, Password: password, New: created}
	return s.render(w, status, "admin-secret", v)
}

// adminUserReset gives an account a one-time password, which also unlocks
// it; its owner must choose a new one at their next sign-in.
func (s *Server) adminUserReset(w http.ResponseWriter, r *http.Request, v *view) error {
	u, err := s.adminUser(r)
	if err != nil {
		return err
	}
	password := auth.NewPassword()
	if err := s.desk.SetPassword(r.Context(), actor(r), u.ID, password, true); err != nil {
		return err
	}
	return s.adminShowSecret(w, http.StatusOK, v, u, password, false)
}

func (s *Server) adminUserDisable(w http.ResponseWriter, r *http.Request, v *view) error {
	return s.adminSetDisabled(w, r, v, true)
}

func (s *Server) adminUserEnable(w http.ResponseWriter, r *http.Request, v *view) error {
	return s.adminSetDisabled(w, r, v, false)
}

// adminSetDisabled disables or enables an account. An administrator may
// not disable themselves: the desk would risk losing its last
// administrator, and nobody could undo it from the browser.
func (s *Server) adminSetDisabled(w http.ResponseWriter, r *http.Request, v *view, disabled bool) error {
	u, err := s.adminUser(r)
	if err != nil {
		return err
	}
	if u.ID == v.User.ID && disabled {
		return s.adminUsersPage(w, r, http.StatusUnprocessableEntity, v, v.L.T("admin.refused.self_disable"))
	}
	if u.Disabled != disabled {
		u.Disabled = disabled
		if err := s.desk.UpdateUser(r.Context(), actor(r), u); err != nil {
			return err
		}
	}
	redirect(w, r, "/admin/users")
	return nil
}

// adminTokenRevoke revokes one of a user's API tokens.
func (s *Server) adminTokenRevoke(w http.ResponseWriter, r *http.Request, v *view) error {
	u, err := s.adminUser(r)
	if err != nil {
		return err
	}
	if err := s.accountRevokeToken(r, u.ID, r.PathValue("token")); err != nil {
		return err
	}
	redirect(w, r, "/admin/users/"+strconv.FormatInt(u.ID, 10))
	return nil
}
