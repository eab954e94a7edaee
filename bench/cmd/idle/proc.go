package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// sample is what /proc tells of a process at one moment.
type sample struct {
	// switches holds each thread's context switches, by thread id.
	switches map[int]switches
	// rssKB and hwmKB are VmRSS and VmHWM, in KiB.
	rssKB, hwmKB int64
	// cpuTicks is the process's user and system time, in clock ticks.
	cpuTicks int64
}

// switches are a thread's context switches: voluntary ones (it blocked,
// then was woken) and nonvoluntary ones (it was preempted).
type switches struct{ voluntary, nonvoluntary int64 }

func (s switches) total() int64 { return s.voluntary + s.nonvoluntary }

// readSample reads /proc/pid (under root, "/proc" but for tests).
func readSample(root string, pid int) (sample, error) {
	dir := filepath.Join(root, strconv.Itoa(pid))
	s := sample{switches: map[int]switches{}}
	status, err := os.ReadFile(filepath.Join(dir, "status"))
	if err != nil {
		return s, err
	}
	f := statusFields(status)
	if s.rssKB, err = kB(f["VmRSS"]); err != nil {
		return s, fmt.Errorf("%s/status: VmRSS: %w", dir, err)
	}
	if s.hwmKB, err = kB(f["VmHWM"]); err != nil {
		return s, fmt.Errorf("%s/status: VmHWM: %w", dir, err)
	}
	stat, err := os.ReadFile(filepath.Join(dir, "stat"))
	if err != nil {
		return s, err
	}
	if s.cpuTicks, err = cpuTicks(stat); err != nil {
		return s, fmt.Errorf("%s/stat: %w", dir, err)
	}
	tasks, err := os.ReadDir(filepath.Join(dir, "task"))
	if err != nil {
		return s, err
	}
	for _, t := range tasks {
		tid, err := strconv.Atoi(t.Name())
		if err != nil {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, "task", t.Name(), "status"))
		if errors.Is(err, os.ErrNotExist) {
			continue // the thread ended meanwhile
		}
		if err != nil {
			return s, err
		}
		f := statusFields(data)
		var sw switches
		if sw.voluntary, err = strconv.ParseInt(f["voluntary_ctxt_switches"], 10, 64); err != nil {
			return s, fmt.Errorf("task %d: voluntary_ctxt_switches: %w", tid, err)
		}
		if sw.nonvoluntary, err = strconv.ParseInt(f["nonvoluntary_ctxt_switches"], 10, 64); err != nil {
			return s, fmt.Errorf("task %d: nonvoluntary_ctxt_switches: %w", tid, err)
		}
		s.switches[tid] = sw
	}
	return s, nil
}

// statusFields reads the "Key:\tvalue" lines of a status file.
func statusFields(data []byte) map[string]string {
	out := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if ok {
			out[k] = strings.TrimSpace(v)
		}
	}
	return out
}

// kB reads a status value such as "14520 kB".
func kB(v string) (int64, error) {
	n, ok := strings.CutSuffix(v, " kB")
	if !ok {
		return 0, fmt.Errorf("got %q, want a size in kB", v)
	}
	return strconv.ParseInt(strings.TrimSpace(n), 10, 64)
}

// cpuTicks reads utime + stime from a stat file: fields 14 and 15,
// counted after the command name, which is in parentheses and may hold
// spaces.
func cpuTicks(stat []byte) (int64, error) {
	i := bytes.LastIndexByte(stat, ')')
	if i < 0 {
		return 0, errors.New("no command name")
	}
	f := strings.Fields(string(stat[i+1:]))
	// f[0] is field 3 (state): utime is field 14, stime 15.
	if len(f) < 13 {
		return 0, fmt.Errorf("got %d fields, want at least 15", len(f)+2)
	}
	u, err := strconv.ParseInt(f[11], 10, 64)
	if err != nil {
		return 0, err
	}
	s, err := strconv.ParseInt(f[12], 10, 64)
	if err != nil {
		return 0, err
	}
	return u + s, nil
}

// delta is what happened between two samples of one process.
type delta struct {
	switches switches
	// gone counts the threads of the first sample missing from the second:
	// their switches after the first are lost. born counts new threads,
	// counted whole.
	gone, born int
	cpuTicks   int64
}

func diff(a, b sample) delta {
	var d delta
	for tid, sb := range b.switches {
		sa, ok := a.switches[tid]
		if !ok {
			d.born++
		}
		d.switches.voluntary += sb.voluntary - sa.voluntary
		d.switches.nonvoluntary += sb.nonvoluntary - sa.nonvoluntary
	}
	for tid := range a.switches {
		if _, ok := b.switches[tid]; !ok {
			d.gone++
		}
	}
	d.cpuTicks = b.cpuTicks - a.cpuTicks
	return d
}

func (s sample) total() int64 {
	var n int64
	for _, sw := range s.switches {
		n += sw.total()
	}
	return n
}
