package web

import (
	"net/http"
	"strings"
	"testing"
)

// TestEditorWindowWords: in the task list, a reminder before a task that
// runs over days says it counts from the start, beside the one before
// its end; before a task on one day it says only how long before.
func TestEditorWindowWords(t *testing.T) {
	e := newEditorEnv(t)
	e.write("bdg-2019.yaml", strings.Replace(editorPlan, "      - at: start\n",
		"      - at: start\n      - before: 7d\n      - before_end: 3d\n", 1))
	e.load()
	resp, list := e.client("mai").get("/plan/bdg-2019/edit")
	wantStatus(t, resp, list, http.StatusOK)
	i := strings.Index(list, `id="task-thang-hanh-dong"`)
	j := strings.Index(list, `id="task-tong-ket"`)
	if i < 0 || j < i {
		t.Fatalf("no Action Month in the list:\n%s", list)
	}
	wantContains(t, list[i:j], "<li>vào ngày bắt đầu</li>", "<li>7 ngày trước khi bắt đầu</li>", "<li>3 ngày trước khi kết thúc</li>")
	// toa-dam is on one day.
	wantContains(t, list[:i], "<li>7 ngày trước</li>")
}
