package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/nhacviec/nhacviec/ack"
	"github.com/nhacviec/nhacviec/report"
)

// The control socket lets status and backup go through the running daemon:
// bbolt allows one process at a time on the store.
const controlSocket = "nhacviec.sock"

type control struct {
	srv  *http.Server
	path string
}

func (c *control) close() {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	c.srv.Shutdown(ctx)
	os.Remove(c.path)
}

// serveControl listens on data_dir/nhacviec.sock, mode 0600. A socket left
// by a dead daemon is removed: this process holds the store's lock, so no
// other daemon runs.
func (d *daemon) serveControl() (*control, error) {
	path := filepath.Join(d.dataDir, controlSocket)
	os.Remove(path)
	ln, err := net.Listen("unix", path)
	if err != nil {
		return nil, fmt.Errorf("listen on %s: %w", path, err)
	}
	os.Chmod(path, 0o600)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /status", func(w http.ResponseWriter, r *http.Request) {
		next, _ := strconv.Atoi(r.URL.Query().Get("next"))
		rep, err := report.Build(d.config(), d.db, d.clock.Now(), max(next, 10))
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		rep.Running = true
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(rep)
	})
	mux.HandleFunc("GET /backup", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/octet-stream")
		if _, err := d.db.Backup(w); err != nil {
			d.log.Error("backup through the control socket", "err", err)
		}
	})
	mux.HandleFunc("POST /ack", func(w http.ResponseWriter, r *http.Request) {
		var req ack.Request
		if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 16<<10)).Decode(&req); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		res := ack.Apply(d.db, d.db, d.secret, req, "cli", d.clock.Now())
		if res.Created {
			kind := "received"
			if req.Done {
				kind = "done"
			}
			d.metrics.ObserveAck(kind, "cli")
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(res)
	})
	mux.HandleFunc("POST /reload", func(w http.ResponseWriter, r *http.Request) {
		res := d.reload("control socket")
		w.Header().Set("Content-Type", "application/json")
		if !res.OK {
			w.WriteHeader(http.StatusUnprocessableEntity)
		}
		json.NewEncoder(w).Encode(res)
	})
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go srv.Serve(ln)
	return &control{srv: srv, path: path}, nil
}

// errNoDaemon means no daemon answers on the control socket.
var errNoDaemon = errors.New("no daemon is running")

// controlGet asks the running daemon for path; errNoDaemon when none runs.
func controlGet(dataDir, path string) (io.ReadCloser, error) {
	return controlDo(dataDir, http.MethodGet, path, nil)
}

// controlDo sends a request to the running daemon; errNoDaemon when none
// runs.
func controlDo(dataDir, method, path string, body io.Reader) (io.ReadCloser, error) {
	sock := filepath.Join(dataDir, controlSocket)
	if _, err := os.Stat(sock); err != nil {
		return nil, errNoDaemon
	}
	client := &http.Client{Transport: &http.Transport{
		DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
			var d net.Dialer
			return d.DialContext(ctx, "unix", sock)
		},
	}}
	req, err := http.NewRequest(method, "http://nhacviec"+path, body)
	if err != nil {
		return nil, err
	}
	resp, err := client.Do(req)
	if err != nil {
		var op *net.OpError
		if errors.As(err, &op) {
			return nil, errNoDaemon
		}
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		return nil, fmt.Errorf("daemon answered %s", resp.Status)
	}
	return resp.Body, nil
}
