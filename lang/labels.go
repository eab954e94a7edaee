package lang

// The labels the pages and the command line share: the roles they name
// alike, and the columns of their tables.
func init() {
	register(map[string][2]string{
		"role.lead":      {"chủ trì", "lead"},
		"role.support":   {"phối hợp", "support"},
		"role.recipient": {"nơi nhận", "recipient"},
		"col.kind":       {"Loại", "Kind"},
		"col.task":       {"Nhiệm vụ", "Task"},
		"col.unit":       {"Đơn vị", "Unit"},
	})
}
