package main

import (
	"net"
	"os"
)

// sdNotify tells systemd about the service's state (Type=notify): READY=1
// once the scheduler runs, RELOADING=1 and STOPPING=1. It does nothing
// outside systemd.
func sdNotify(state string) {
	path := os.Getenv("NOTIFY_SOCKET")
	if path == "" {
		return
	}
	if path[0] == '@' {
		path = "\x00" + path[1:]
	}
	conn, err := net.DialUnix("unixgram", nil, &net.UnixAddr{Name: path, Net: "unixgram"})
	if err != nil {
		return
	}
	defer conn.Close()
	conn.Write([]byte(state))
}
