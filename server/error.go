package server

import (
	"net/http"

	"bilat"
)

// statuses maps each bilat error code to its HTTP status; codes not listed
// are treated as internal.
var statuses = map[string]int{
	bilat.EINVALID:      http.StatusBadRequest,
	bilat.ENOTFOUND:     http.StatusNotFound,
	bilat.ECONFLICT:     http.StatusConflict,
	bilat.EFORBIDDEN:    http.StatusForbidden,
	bilat.EUNAUTHORIZED: http.StatusUnauthorized,
	bilat.EINTERNAL:     http.StatusInternalServerError,
}

// errorBody is the body of every error response.
type errorBody struct {
	Error errorDetail `json:"error"`
}

// errorDetail says what went wrong: a code of bilat's, a message for a
// person and, for invalid input, every problem with its field path.
type errorDetail struct {
	Code     string          `json:"code"`
	Message  string          `json:"message"`
	Problems []bilat.Problem `json:"problems"`
}

// writeError is the one place an error becomes a response. Internal errors
// are logged and described to the caller only as "internal error".
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	code := bilat.ErrorCode(err)
	status, ok := statuses[code]
	if !ok || code == bilat.EINTERNAL {
		code, status = bilat.EINTERNAL, http.StatusInternalServerError
		s.log.ErrorContext(r.Context(), "internal error", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	detail := errorDetail{Code: code, Message: bilat.ErrorMessage(err), Problems: bilat.ErrorProblems(err)}
	if code == bilat.EINTERNAL {
		detail.Message, detail.Problems = "internal error", nil
	}
	if status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="bilat"`)
	}
	if detail.Problems == nil {
		detail.Problems = []bilat.Problem{}
	}
	if err := writeJSON(w, status, errorBody{Error: detail}); err != nil {
		s.log.ErrorContext(r.Context(), "writing an error response", "err", err)
	}
}

// invalid returns an invalid-input error about one field.
func invalid(field, format string, args ...any) error {
	p := bilat.NewProblems("")
	p.Add(field, format, args...)
	return p.Err("input")
}
