package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/nhacviec/nhacviec/lang"
	"github.com/nhacviec/nhacviec/store"
)

// TestRehearsalSummary writes the summary of a rehearsal's store that
// holds a record in each state: sent ones are counted by kind (in the
// agenda's order, an unknown kind last) and channel, the others by
// outcome, and the outbox and its journal are named.
func TestRehearsalSummary(t *testing.T) {
	db, err := store.Open(filepath.Join(t.TempDir(), "nhacviec.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	n := 0
	add := func(kind, channel string, state store.State) {
		t.Helper()
		n++
		d := store.Delivery{ID: fmt.Sprintf("%032d", n), Channel: channel, Plan: "p", Task: "t", Unit: "u", Kind: kind, Rule: "r", Due: time.Unix(0, 0)}
		if state == store.Missed || state == store.Skipped {
			d.State = state
			if err := db.Record(d); err != nil {
				t.Fatal(err)
			}
			return
		}
		if _, ok, err := db.Begin(d); err != nil || !ok {
			t.Fatalf("begin: %v %v", ok, err)
		}
		switch state {
		case store.Sending:
			return
		case store.Retrying:
			err = db.Finish(store.DeliveryKey(d.ID, channel), state, "", "421 try later", time.Unix(60, 0))
		default:
			err = db.Finish(store.DeliveryKey(d.ID, channel), state, "", "", time.Time{})
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	for range 3 {
		add("reminder", "email", store.Sent)
	}
	add("reminder", "sms", store.Sent)
	add("escalation", "email", store.Sent)
	add("overdue", "sms", store.Sent)
	add("overdue", "email", store.Skipped)
	add("overdue", "sms", store.Skipped)
	add("reminder", "email", store.Missed)
	add("deadline", "email", store.Failed)
	add("reminder", "sms", store.Retrying)
	add("reminder", "email", store.Sending)
	add("mystery", "email", store.Sent)

	dir := filepath.Join("data", "rehearsal", "outbox")
	journal := filepath.Join(dir, "journal.log")
	tests := []struct {
		lng  lang.Lang
		want []string
	}{
		{lang.Vietnamese, []string{
			"",
			"Diễn tập đã chạy đến --until 31/12/2019.",
			"Loại           email  sms  Cộng",
			"nhắc việc      3      1    4",
			"quá hạn        0      1    1",
			"nhắc cấp trên  1      0    1",
			"mystery        1      0    1",
			"Cộng           5      2    7",
			"Đã gửi 7 tin; bỏ qua 2 (đơn vị đã xác nhận, đã nộp báo cáo, hoặc quy tắc đã bỏ), lỗi 1, bỏ lỡ 1, chưa gửi xong 2.",
			"Hộp thư đi: " + dir + " (email/NGÀY/*.eml, sms/NGÀY/*.txt)",
			"Nhật ký gửi, mỗi tin một dòng theo thứ tự gửi: " + journal,
		}},
		{lang.English, []string{
			"",
			"The rehearsal has reached --until 31/12/2019.",
			"Kind        email  sms  Total",
			"reminder    3      1    4",
			"overdue     0      1    1",
			"escalation  1      0    1",
			"mystery     1      0    1",
			"Total       5      2    7",
			"7 messages sent; 2 skipped (the unit had confirmed or reported, or the rule was removed), 1 failed, 1 missed, 2 unfinished.",
			"Outbox: " + dir + " (email/DATE/*.eml, sms/DATE/*.txt)",
			"Journal, one line per message in the order sent: " + journal,
		}},
	}
	for _, tt := range tests {
		t.Run(string(tt.lng), func(t *testing.T) {
			var b bytes.Buffer
			if err := rehearsalSummary(&b, tt.lng, db, dir, tr(tt.lng, "rehearse.until", "31/12/2019")); err != nil {
				t.Fatal(err)
			}
			got := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got summary\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// summaryTable reads the table of a rehearsal's summary in Vietnamese
// from a daemon's stderr: kind label → channel → messages, and the
// outbox the summary names.
func summaryTable(t *testing.T, stderr string) (map[string]map[string]int, string) {
	t.Helper()
	lines := strings.Split(stderr, "\n")
	start := -1
	for i, l := range lines {
		if strings.HasPrefix(l, "Diễn tập đã chạy đến --until ") {
			start = i + 1
		}
	}
	if start < 0 || start >= len(lines) {
		t.Fatalf("no rehearsal summary in stderr:\n%s", stderr)
	}
	header := strings.Fields(lines[start])
	table := map[string]map[string]int{}
	var outbox string
	for _, l := range lines[start+1:] {
		if m := regexp.MustCompile(`^Hộp thư đi: (.*) \(email/`).FindStringSubmatch(l); m != nil {
			outbox = m[1]
		}
		f := regexp.MustCompile(`\s{2,}`).Split(strings.TrimSpace(l), -1)
		if len(f) != len(header) {
			continue // the lines after the table
		}
		row := map[string]int{}
		for i, ch := range header[1 : len(header)-1] {
			n, err := strconv.Atoi(f[i+1])
			if err != nil {
				t.Fatalf("summary row %q: %v", l, err)
			}
			row[ch] = n
		}
		table[f[0]] = row
	}
	return table, outbox
}

// TestRehearsal plays a stretch of the example plan into the rehearsal
// outbox: it must write exactly what agenda lists for that stretch (and
// the owner's digests, which agenda does not list), and end with a
// summary that counts what the outbox journal holds, by kind and channel,
// and names the outbox. The end of December is the overdue and escalation
// chain a newcomer is shown: the Front and the mass organisations are
// reported to the Front's leaders, the commune's offices to its own.
func TestRehearsal(t *testing.T) {
	src, err := os.ReadFile("../../config.example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, from, until string
		// wantTo lists units that must receive a message of the kind.
		wantTo map[string][]string
	}{
		{name: "action-month-first-week", from: "14/11/2019", until: "20/11/2019",
			wantTo: map[string][]string{"reminder": {"ldtbxh", "mttq"}, "escalation": {"ldtbxh"}}},
		{name: "late-reports", from: "23/12/2019", until: "31/12/2019",
			wantTo: map[string][]string{
				"overdue":    {"ldtbxh", "mttq", "hlhpn"},
				"escalation": {"ban-vstbpn", "lanh-dao-ubnd", "mttq-thuong-truc"},
				"digest":     {"ldtbxh"},
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			config := filepath.Join(dir, "nhacviec.yaml")
			cfgText := strings.Replace(string(src), "data_dir: ./data", "data_dir: "+filepath.Join(dir, "data"), 1)
			if cfgText == string(src) {
				t.Fatal("config.example.yaml has no `data_dir: ./data` line to point at the test's folder")
			}
			if err := os.WriteFile(config, []byte(cfgText), 0o644); err != nil {
				t.Fatal(err)
			}
			p := startDaemon(t, config, "--rehearse", tt.from, "--speed", "604800", "--until", tt.until)
			if code := p.wait(t, 90*time.Second); code != 0 {
				t.Fatalf("rehearsal: got exit code %d, want 0; stderr:\n%s", code, p.stderr)
			}
			// The log tells the rehearsal's time, in the service's offset.
			if sent := regexp.MustCompile(`(?m)^time=` + tt.from[6:10] + `-\d\d-\d\dT[0-9:.]+\+07:00 level=INFO msg="written to the outbox, not sent" `); !sent.MatchString(p.stderr.String()) {
				t.Errorf("stderr has no line matching %s:\n%s", sent, p.stderr)
			}
			if wall := "time=" + time.Now().Format("2006-01-02"); strings.Contains(p.stderr.String(), wall) {
				t.Errorf("stderr has a record at the wall time (%s), want only rehearsal time:\n%s", wall, p.stderr)
			}
			out, err := exec.Command(binary(t), "agenda", "-c", config, "--from", tt.from, "--to", tt.until, "--format", "json").Output()
			if err != nil {
				t.Fatal(err)
			}
			var items []struct {
				ID       string   `json:"id"`
				Kind     string   `json:"kind"`
				Channels []string `json:"channels"`
			}
			if err := json.Unmarshal(out, &items); err != nil {
				t.Fatal(err)
			}
			rehearsal := filepath.Join(dir, "data", "rehearsal")
			counts, lines := journal(t, rehearsal)
			kinds := map[string]string{}             // id → kind
			wantTable := map[string]map[string]int{} // kind label → channel → messages
			written := map[string]map[string]bool{}  // kind → units
			want := 0
			for _, it := range items {
				kinds[it.ID] = it.Kind
				want += len(it.Channels)
				if counts[it.ID] != len(it.Channels) {
					t.Errorf("notification %s: written %d times, want %d (its channels)", it.ID, counts[it.ID], len(it.Channels))
				}
			}
			// The journal's lines: time, channel, unit, id, file. What
			// agenda does not list is the owner's digest.
			data, err := os.ReadFile(filepath.Join(rehearsal, "outbox", "journal.log"))
			if err != nil {
				t.Fatal(err)
			}
			digests := 0
			for _, l := range strings.Split(strings.TrimSpace(string(data)), "\n") {
				f := strings.Split(l, "\t")
				kind, ok := kinds[f[3]]
				if !ok {
					kind = "digest"
					digests++
				}
				label := kindName(lang.Vietnamese, kind)
				if wantTable[label] == nil {
					wantTable[label] = map[string]int{}
				}
				wantTable[label][f[1]]++
				if written[kind] == nil {
					written[kind] = map[string]bool{}
				}
				written[kind][f[2]] = true
			}
			if lines != want+digests || want == 0 {
				t.Errorf("got %d outbox writes, want %d (agenda) + %d (digests)", lines, want, digests)
			}
			for kind, units := range tt.wantTo {
				for _, u := range units {
					if !written[kind][u] {
						t.Errorf("no %s was written to %s; the outbox has %s to %v", kind, u, kind, written[kind])
					}
				}
			}

			total := map[string]int{}
			for _, row := range wantTable {
				for ch, n := range row {
					total[ch] += n
				}
			}
			wantTable[tr(lang.Vietnamese, "rehearse.total")] = total
			table, outboxDir := summaryTable(t, p.stderr.String())
			if fmt.Sprint(table) != fmt.Sprint(wantTable) {
				t.Errorf("the summary counts\n%v\nwant, from the outbox journal,\n%v", table, wantTable)
			}
			if outboxDir != filepath.Join(rehearsal, "outbox") {
				t.Errorf("the summary names the outbox %q, want %q", outboxDir, filepath.Join(rehearsal, "outbox"))
			}
			if !strings.Contains(p.stderr.String(), "Nhật ký gửi, mỗi tin một dòng theo thứ tự gửi: "+filepath.Join(rehearsal, "outbox", "journal.log")+"\n") {
				t.Errorf("the summary does not name the journal %s", filepath.Join(rehearsal, "outbox", "journal.log"))
			}
			if _, err := os.Stat(filepath.Join(dir, "data", "nhacviec.db")); !os.IsNotExist(err) {
				t.Errorf("the rehearsal touched the real store (err %v)", err)
			}
		})
	}
}

// TestRehearsalStoppedSummary stops a rehearsal that has no --until with
// SIGTERM once it has sent something: it exits 0 and still says what it
// sent, when it stopped (in rehearsal time) and where the outbox is, in
// the service language.
func TestRehearsalStoppedSummary(t *testing.T) {
	dir := t.TempDir()
	config := burstConfig(t, dir, 2, "")
	src, err := os.ReadFile(config)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(config, []byte(strings.Replace(string(src), "service:\n", "service:\n  language: en\n", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	// From a minute or two before the burst's reminders (due 5 minutes
	// ago), a minute a second: they go within two seconds, then nothing
	// more comes.
	from := time.Now().In(hcm).Add(-6 * time.Minute).Format("02/01/2006 15:04")
	p := startDaemon(t, config, "--rehearse", from, "--speed", "60")
	rehearsal := filepath.Join(dir, "data", "rehearsal")
	until(t, 20*time.Second, "the two reminders in the outbox", func() bool {
		_, lines := journal(t, rehearsal)
		return lines == 2
	})
	p.cmd.Process.Signal(syscall.SIGTERM)
	if code := p.wait(t, 15*time.Second); code != 0 {
		t.Fatalf("after SIGTERM: got exit code %d, want 0; stderr:\n%s", code, p.stderr)
	}
	stderr := p.stderr.String()
	for _, want := range []*regexp.Regexp{
		regexp.MustCompile(`\nThe rehearsal stopped at \d\d/\d\d/\d{4} \d\d:\d\d \(rehearsal time\)\.\n`),
		regexp.MustCompile(`\nKind +email +Total\nreminder +2 +2\nTotal +2 +2\n`),
		regexp.MustCompile(`\n2 messages sent; 0 skipped .*, 0 failed, 0 missed, 0 unfinished\.\n`),
		regexp.MustCompile(`\nOutbox: ` + regexp.QuoteMeta(filepath.Join(rehearsal, "outbox")) + ` \(`),
	} {
		if !want.MatchString(stderr) {
			t.Errorf("stderr does not match %s:\n%s", want, stderr)
		}
	}
}
