package web

import (
	"encoding/json"
	"errors"
	"net/http"

	"github.com/nhacviec/nhacviec/store"
)

// The accounts, for nhacviec user through the control socket (the store
// allows one process at a time): GET /-/users lists them without their
// hashes; POST /-/users applies an AccountRequest and answers its
// AccountResult. Admin only. The command hashes the password itself:
// no password crosses the socket.

func (s *Server) userRoutes(mux *http.ServeMux) {
	mux.Handle("GET /-/users", s.admin(http.HandlerFunc(s.handleUsers)))
	mux.Handle("POST /-/users", s.admin(http.HandlerFunc(s.handleUserChange)))
}

// Operations of an AccountRequest.
const (
	AccountAdd      = "add"
	AccountPassword = "passwd"
	AccountRemove   = "remove"
)

// AccountRequest is a change to the accounts: add Account, set its
// password (Name and PasswordHash), or remove it (Name).
type AccountRequest struct {
	Op      string        `json:"op"`
	Account store.Account `json:"account"`
}

// AccountResult is the outcome of an AccountRequest: Code is empty when it
// was done, else "exists", "not_found" or "invalid", with the store's
// error in Detail.
type AccountResult struct {
	Code    string         `json:"code,omitempty"`
	Detail  string         `json:"detail,omitempty"`
	Account *store.Account `json:"account,omitempty"`
}

// ApplyAccount applies req to db, the store or, through the daemon, its
// store: the one home of what nhacviec user does.
func ApplyAccount(db AccountStore, req AccountRequest) AccountResult {
	var err error
	var added store.Account
	switch req.Op {
	case AccountAdd:
		added, err = db.AddAccount(req.Account)
	case AccountPassword:
		err = db.SetAccountPassword(req.Account.Name, req.Account.PasswordHash)
	case AccountRemove:
		err = db.RemoveAccount(req.Account.Name)
	default:
		return AccountResult{Code: "invalid", Detail: "unknown operation " + req.Op}
	}
	switch {
	case err == nil:
		if req.Op == AccountAdd {
			added.PasswordHash = ""
			return AccountResult{Account: &added}
		}
		return AccountResult{}
	case errors.Is(err, store.ErrExists):
		return AccountResult{Code: "exists", Detail: err.Error()}
	case errors.Is(err, store.ErrNotFound):
		return AccountResult{Code: "not_found", Detail: err.Error()}
	case errors.Is(err, store.ErrInvalid):
		return AccountResult{Code: "invalid", Detail: err.Error()}
	}
	return AccountResult{Code: "internal", Detail: err.Error()}
}

func (s *Server) handleUsers(w http.ResponseWriter, r *http.Request) {
	all, err := s.opts.Store.Accounts()
	if err != nil {
		s.jsonError(w, r, err)
		return
	}
	for i := range all {
		all[i].PasswordHash = ""
	}
	if all == nil {
		all = []store.Account{}
	}
	s.writeJSON(w, http.StatusOK, all)
}

func (s *Server) handleUserChange(w http.ResponseWriter, r *http.Request) {
	var req AccountRequest
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBody)).Decode(&req); err != nil {
		s.jsonError(w, r, bodyError(err))
		return
	}
	res := ApplyAccount(s.opts.Store, req)
	if res.Code == "" && req.Op != AccountAdd {
		// A new password, or no account: its sessions end.
		s.sessions.endAll(req.Account.Name)
	}
	if res.Code == "" {
		s.log.Info("account changed", "op", req.Op, "account", req.Account.Name)
	}
	s.writeJSON(w, http.StatusOK, res)
}
