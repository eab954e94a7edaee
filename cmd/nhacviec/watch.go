package main

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"
)

// watchFiles reports changes to files through inotify on their folders
// (editors often replace a file by renaming a new one over it). It costs
// no wake-up while nothing changes. Several events close together are
// reported once.
func watchFiles(ctx context.Context, log *slog.Logger, files []string) <-chan struct{} {
	out := make(chan struct{}, 1)
	fd, err := unix.InotifyInit1(unix.IN_CLOEXEC | unix.IN_NONBLOCK)
	if err != nil {
		log.Warn("cannot watch the configuration for changes; reload with SIGHUP", "err", err)
		return out
	}
	names := map[string]bool{}
	dirs := map[string]bool{}
	for _, f := range files {
		abs, err := filepath.Abs(f)
		if err != nil {
			continue
		}
		names[abs] = true
		dirs[filepath.Dir(abs)] = true
	}
	wds := map[int]string{}
	for dir := range dirs {
		wd, err := unix.InotifyAddWatch(fd, dir, unix.IN_CLOSE_WRITE|unix.IN_MOVED_TO|unix.IN_CREATE)
		if err != nil {
			log.Warn("cannot watch a folder for changes", "dir", dir, "err", err)
			continue
		}
		wds[wd] = dir
	}
	// Through os.File the read waits in Go's poller, and Close ends it.
	f := os.NewFile(uintptr(fd), "inotify")
	events := make(chan struct{}, 1)
	go func() {
		buf := make([]byte, 64*1024)
		for {
			n, err := f.Read(buf)
			if err != nil || n <= 0 {
				return
			}
			for off := 0; off+unix.SizeofInotifyEvent <= n; {
				ev := (*unix.InotifyEvent)(unsafe.Pointer(&buf[off]))
				nameLen := int(ev.Len)
				name := ""
				if nameLen > 0 {
					raw := buf[off+unix.SizeofInotifyEvent : off+unix.SizeofInotifyEvent+nameLen]
					for i, b := range raw {
						if b == 0 {
							raw = raw[:i]
							break
						}
					}
					name = string(raw)
				}
				if names[filepath.Join(wds[int(ev.Wd)], name)] {
					select {
					case events <- struct{}{}:
					default:
					}
				}
				off += unix.SizeofInotifyEvent + nameLen
			}
		}
	}()
	go func() {
		defer f.Close()
		for {
			select {
			case <-ctx.Done():
				return
			case <-events:
				// Let the editor finish writing before reading the file.
				select {
				case <-ctx.Done():
					return
				case <-time.After(300 * time.Millisecond):
				}
				select {
				case out <- struct{}{}:
				default:
				}
			}
		}
	}()
	return out
}
