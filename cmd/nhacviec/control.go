package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
)

// The control socket lets status, ack, backup and reload go through the
// running daemon (bbolt allows one process at a time on the store): the
// web server serves its handler there too, with the socket's own trust
// (web.Server.OpenControl), and the commands ask its /-/ endpoints.
const controlSocket = "nhacviec.sock"

// serveControl serves the web pages' handler on data_dir/nhacviec.sock,
// mode 0600, until the web server closes. A socket left by a dead daemon
// is removed: this process holds the store's lock, so no other daemon
// runs.
func (d *daemon) serveControl() error {
	path := filepath.Join(d.dataDir, controlSocket)
	os.Remove(path)
	return d.web.OpenControl(path)
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
