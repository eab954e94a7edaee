package lang

// The texts of the service's administration (issue 15 parts 5–8): each
// command's help (help.*), version and completion, and the secrets read
// from files, systemd credentials and the environment (secret.*).
func init() {
	register(map[string][2]string{
		"help.usage":    {"Cách dùng:", "Usage:"},
		"help.flags":    {"Tùy chọn:", "Options:"},
		"help.examples": {"Ví dụ:", "Examples:"},
		"help.more": {
			"Hướng dẫn từng lệnh: nhacviec help LỆNH, hoặc nhacviec LỆNH -h. Tiếng Anh: NHACVIEC_LANG=en.",
			"Help on a command: nhacviec help COMMAND, or nhacviec COMMAND -h. In Vietnamese: NHACVIEC_LANG=vi.",
		},
		"help.unknown": {"không có lệnh %q; các lệnh: %s", "there is no command %q; commands: %s"},
		"help.seehelp": {"xem: nhacviec help %s", "see: nhacviec help %s"},

		"help.check.title": {"kiểm tra tệp cấu hình và các kế hoạch", "validate the configuration and its plans"},
		"help.check.desc": {
			"Kiểm tra tệp cấu hình và mọi kế hoạch của nó mà không gửi gì. In mọi lỗi cùng lúc, mỗi lỗi một dòng dạng TỆP:DÒNG:CỘT: thông báo, bằng ngôn ngữ của dịch vụ; cảnh báo bắt đầu bằng \"cảnh báo:\". Báo cả những điều run sẽ từ chối: listen không phải địa chỉ nội bộ mà chưa có mật khẩu quản trị, tệp bí mật không đọc được. Thoát với mã 1 nếu có lỗi; nếu hợp lệ, in một dòng tóm tắt và thoát với mã 0.",
			"Validates the configuration and every plan in it, sending nothing. Prints every problem at once, one per line as FILE:LINE:COL: message, in the service language; warnings start with \"warning:\". It reports what run would refuse too: a listen address that is not loopback without an admin password, a secret file that cannot be read. Exits 1 if there is an error; when valid, prints a one-line summary and exits 0.",
		},
		"help.check.examples": {
			"nhacviec check -c /etc/nhacviec/nhacviec.yaml\nNHACVIEC_CONFIG=config.example.yaml nhacviec check",
			"nhacviec check -c /etc/nhacviec/nhacviec.yaml\nNHACVIEC_CONFIG=config.example.yaml nhacviec check",
		},

		"help.agenda.title": {"liệt kê các thông báo sẽ gửi", "list what will be sent"},
		"help.agenda.desc": {
			"Liệt kê các thông báo mà các kế hoạch sẽ gửi từ --from (mặc định: bây giờ) đến --to (mặc định: 30 ngày sau), không gửi gì. Ngày không kèm giờ là 00:00 với --from và cuối ngày với --to; ngày dd/mm lấy năm của kế hoạch. --format json, csv hoặc ics cho máy đọc; --show-sms in mỗi tin SMS đúng như điện thoại nhận. --format ics cho các sự kiện mà các thông báo nói tới, như nguồn lịch: mỗi nhiệm vụ có ngày, mỗi hạn báo cáo một sự kiện, có nhắc trước. Để theo dõi trên điện thoại, hãy đăng ký nguồn lịch /ics/u/… của trang quản lý: lịch tự cập nhật khi kế hoạch thay đổi.",
			"Lists what the plans will send from --from (default: now) to --to (default: 30 days later), sending nothing. A date without a time is 00:00 for --from and the end of the day for --to; a dd/mm date takes the plan's year. --format json, csv or ics for programs; --show-sms prints each SMS as the phone receives it. --format ics gives the events the messages are about, as the calendar feeds do: one per dated task and per report deadline, with alarms. To follow them on a phone, subscribe to the dashboard's /ics/u/… feed instead: it updates itself when the plan changes.",
		},
		"help.agenda.examples": {
			"# Tháng hành động 2019 của Hội Liên hiệp Phụ nữ\nnhacviec agenda --from 15/11/2019 --to 15/12/2019 --unit hlhpn\nnhacviec agenda --from 01/12/2019 --format json\nnhacviec agenda --from 15/11/2019 --to 20/11/2019 --show-sms",
			"# The 2019 Action Month, for the Women's Union\nnhacviec agenda --from 15/11/2019 --to 15/12/2019 --unit hlhpn\nnhacviec agenda --from 01/12/2019 --format json\nnhacviec agenda --from 15/11/2019 --to 20/11/2019 --show-sms",
		},

		"help.run.title": {"chạy dịch vụ, hoặc diễn tập", "run the daemon, or rehearse"},
		"help.run.desc": {
			"Chạy dịch vụ: gửi từng thông báo đúng giờ, ghi nhận xác nhận, phục vụ trang xác nhận, bảng theo dõi, /healthz và /metrics. Tải lại cấu hình khi nhận SIGHUP hoặc khi tệp thay đổi (tệp sai thì giữ kế hoạch cũ); dừng gọn khi nhận SIGTERM. Với --rehearse, diễn tập trên đồng hồ ảo nhanh gấp --speed lần, với kho dữ liệu và hộp thư đi riêng trong data_dir/rehearsal, không gửi thật trừ khi có --deliver; nhật ký ghi thời gian ảo.",
			"Runs the daemon: sends each notification on time, records acknowledgements, serves the acknowledgement pages, the dashboard, /healthz and /metrics. Reloads on SIGHUP or when a file changes (an invalid file keeps the old plan); stops cleanly on SIGTERM. With --rehearse, plays the plans on a virtual clock --speed times faster, with a store and outbox of its own in data_dir/rehearsal, sending nothing for real unless --deliver; the log shows the virtual time.",
		},
		"help.run.examples": {
			"nhacviec run -c /etc/nhacviec/nhacviec.yaml\n# Diễn tập Tháng hành động: một ngày mỗi giây, đến hết năm\nnhacviec run --rehearse 14/11/2019 --speed 86400 --until 31/12/2019",
			"nhacviec run -c /etc/nhacviec/nhacviec.yaml\n# Rehearse the Action Month: a day a second, to the end of the year\nnhacviec run --rehearse 14/11/2019 --speed 86400 --until 31/12/2019",
		},

		"help.status.title": {"tình hình gửi và xác nhận", "what was sent and confirmed"},
		"help.status.desc": {
			"Cho biết, theo kế hoạch, nhiệm vụ và đơn vị: số thông báo đã gửi, đang chờ, thất bại, bị lỡ, đã được xác nhận, và số hạn báo cáo đã quá hạn; rồi các thông báo sắp tới. Hỏi dịch vụ đang chạy qua socket điều khiển, hoặc đọc kho dữ liệu khi dịch vụ không chạy. Với --format json, thời gian theo RFC 3339 với độ lệch múi giờ của dịch vụ.",
			"Shows, per plan, task and unit, how many notifications were sent, are pending, failed, were missed or acknowledged, and how many deadlines are overdue; then the next ones. Asks the running daemon through its control socket, or reads the store when no daemon runs. With --format json, times are RFC 3339 with the service's offset.",
		},
		"help.status.examples": {"nhacviec status\nnhacviec status --format json", "nhacviec status\nnhacviec status --format json"},

		"help.ack.title": {"ghi nhận thay đơn vị", "acknowledge on a unit's behalf"},
		"help.ack.desc": {
			"Ghi nhận xác nhận thay một đơn vị, ví dụ sau một cuộc điện thoại: theo mã thông báo (như trong agenda --format json hoặc status), phần cuối của liên kết /a/…, hoặc mã SMS 4 số kèm --unit. --done báo đã hoàn thành / đã nộp báo cáo (chỉ với hạn báo cáo hoặc thông báo quá hạn gửi đơn vị báo cáo).",
			"Records an acknowledgement on a unit's behalf, after a phone call for instance: by the notification's id (as in agenda --format json or status), the end of its /a/… link, or its 4-digit SMS code with --unit. --done reports the deadline done (only for a deadline or overdue notice to the reporting unit).",
		},
		"help.ack.examples": {
			"nhacviec ack 4821 --unit hlhpn --by \"Nguyễn Văn A\" --note \"gọi điện sáng 25/11\"\nnhacviec ack 4821 --unit hlhpn --done",
			"nhacviec ack 4821 --unit hlhpn --by \"Nguyễn Văn A\" --note \"phoned on 25/11\"\nnhacviec ack 4821 --unit hlhpn --done",
		},

		"help.test-send.title": {"gửi tin thử", "send a test message"},
		"help.test-send.desc": {
			"Gửi một tin thử tới mọi địa chỉ của đơn vị trên mọi kênh của nó, và cho biết từng địa chỉ: đã gửi (kèm trả lời của máy chủ), tạm thời lỗi, hay lỗi hẳn. Kênh chưa cấu hình thì ghi vào hộp thư đi và nói rõ. Thoát với mã 3 nếu có địa chỉ không gửi được.",
			"Sends a test message to every address of the unit on each of its channels, and says for each whether it was delivered (with the server's reply), failed for now, or failed for good. A channel that is not configured writes to the outbox and says so. Exits 3 if any address failed.",
		},
		"help.test-send.examples": {"nhacviec test-send --unit ldtbxh", "nhacviec test-send --unit ldtbxh"},

		"help.backup.title": {"sao lưu kho dữ liệu và bí mật", "back up the store and the secret"},
		"help.backup.desc": {
			"Ghi một bản sao nhất quán của kho dữ liệu vào OUTFILE (qua dịch vụ đang chạy, hoặc từ tệp), và bên cạnh là OUTFILE.secret, bản sao của bí mật ký mọi liên kết và mã SMS; cả hai với quyền 0600. Không ghi vào trong data_dir.",
			"Writes a consistent copy of the store to OUTFILE (through the running daemon, or from the file), and beside it OUTFILE.secret, a copy of the secret every link and SMS code is signed with; both mode 0600. It refuses an OUTFILE inside data_dir.",
		},
		"help.backup.examples": {"nhacviec backup /var/backups/nhacviec-$(date +%F).db", "nhacviec backup /var/backups/nhacviec-$(date +%F).db"},

		"help.passwd.title": {"đặt mật khẩu quản trị", "set the admin password"},
		"help.passwd.desc": {
			"Đặt mật khẩu quản trị: hỏi mật khẩu hai lần (không hiện trên màn hình khi gõ ở terminal), rồi ghi mã băm bcrypt vào service.admin_password_file hoặc vào OUTFILE, quyền 0600. Khi dịch vụ chạy dưới systemd với DynamicUser=yes, hãy ghi vào một tệp của root rồi trao cho dịch vụ bằng LoadCredential=.",
			"Sets the admin password: asks for it twice (without echo on a terminal), then writes its bcrypt hash to service.admin_password_file or to OUTFILE, mode 0600. When the daemon runs under systemd with DynamicUser=yes, write it to a root-owned file and hand it to the service with LoadCredential=.",
		},
		"help.passwd.examples": {
			"nhacviec passwd\nsudo nhacviec passwd /etc/nhacviec/admin-password",
			"nhacviec passwd\nsudo nhacviec passwd /etc/nhacviec/admin-password",
		},

		"help.user.title": {"tài khoản của trang quản lý", "the web pages' accounts"},
		"help.user.desc": {
			"Quản lý tài khoản của trang quản lý: thêm (vai trò admin, editor hoặc viewer; người biên tập chỉ sửa các kế hoạch ghi trong --plans), liệt kê, đổi mật khẩu, xoá. Mật khẩu được hỏi hai lần, không hiện trên màn hình; chỉ mã băm bcrypt được lưu.",
			"Manages the accounts of the web pages: add (role admin, editor or viewer; an editor edits only the plans of --plans), list, change a password, remove. Passwords are asked twice, without echo; only their bcrypt hash is kept.",
		},
		"help.user.examples": {
			"nhacviec user add lan --role editor --plans bdg-2019\nnhacviec user list\nnhacviec user passwd lan\nnhacviec user remove lan",
			"nhacviec user add lan --role editor --plans bdg-2019\nnhacviec user list\nnhacviec user passwd lan\nnhacviec user remove lan",
		},

		"help.calendar.title": {"ngày nghỉ lễ, Tết và làm bù trong năm", "a year's days off and weekends worked"},
		"help.calendar.desc": {
			"In các ngày nghỉ lễ, Tết và các ngày cuối tuần làm bù của một năm (mặc định: năm nay), với nguồn của từng ngày: lịch đã công bố, tính theo luật, hoặc cấu hình (service.holidays, working_weekends).",
			"Prints a year's days off and weekend days worked (default: this year), with where each comes from: the published calendar, the Labour Code's rules, or the configuration (service.holidays, working_weekends).",
		},
		"help.calendar.examples": {"nhacviec calendar 2026", "nhacviec calendar 2026"},

		"help.plan.title": {"lập kế hoạch năm mới từ kế hoạch cũ", "next year's plan from last year's"},
		"help.plan.desc": {
			"plan roll ghi kế hoạch năm mới bên cạnh kế hoạch năm cũ: chỉ đổi những giá trị cần đổi (năm, mã, tiêu đề có năm, ngày tháng…), giữ nguyên chú thích và bố cục. In các ngày rơi vào ngày nghỉ, dòng cần thêm vào plans: và các ngày nghỉ của năm mới. Không ghi đè tệp đã có, trừ khi có --force.",
			"plan roll writes next year's plan beside last year's: only the values that change are rewritten (year, id, titles naming the year, dates…), comments and layout kept. Prints the dates that now fall on a day off, the line to add under plans:, and the new year's days off. It refuses to overwrite a file unless --force.",
		},
		"help.plan.examples": {"nhacviec plan roll plans/bdg-2019.yaml --to 2020", "nhacviec plan roll plans/bdg-2019.yaml --to 2020"},

		"help.import.title": {"soạn bản nháp kế hoạch từ văn bản .docx, .txt", "draft a plan from a document (.docx, .txt)"},
		"help.import.desc": {
			"Đọc kế hoạch đã ký (Word .docx, hoặc văn bản UTF-8/UTF-16) và ghi bản nháp kế hoạch: nhiệm vụ theo từng mục, đơn vị chủ trì và phối hợp (đối chiếu với các đơn vị của --units), thời gian, hạn báo cáo, nơi nhận. Mỗi phần có ghi chú số đoạn và câu trích; ngày văn bản không nêu được đánh dấu tentative: true; những gì chưa xếp được liệt kê ở cuối tệp và trong báo cáo (stderr). Đọc lại, sửa, rồi chạy nhacviec check.",
			"Reads a signed plan (Word .docx, or UTF-8/UTF-16 text) and writes a draft plan: tasks by outline item, lead and support units (matched against the units of --units), dates, report deadlines, the distribution list. Every element carries a comment with its paragraph number and the quoted words; dates the document does not state are tentative: true; what could not be placed is listed at the end of the file and in the report (stderr). Read it, correct it, then run nhacviec check.",
		},
		"help.import.examples": {
			"nhacviec import ke-hoach-bdg-2019.docx -o draft.yaml\nnhacviec import ke-hoach-bdg-2019.docx --units nhacviec.yaml -o plans/bdg-2019.yaml",
			"nhacviec import ke-hoach-bdg-2019.docx -o draft.yaml\nnhacviec import ke-hoach-bdg-2019.docx --units nhacviec.yaml -o plans/bdg-2019.yaml",
		},

		"help.version.title": {"phiên bản", "version"},
		"help.version.desc": {
			"In phiên bản của nhacviec, bản sửa đổi (commit) mã nguồn mà Go ghi vào tệp chạy khi dựng, và phiên bản Go đã dựng nó.",
			"Prints nhacviec's version, the source revision (commit) Go recorded in the binary when it was built, and the Go version that built it.",
		},
		"help.version.examples": {"nhacviec version", "nhacviec version"},

		"help.completion.title": {"gợi ý lệnh bằng phím Tab cho bash", "bash tab completion"},
		"help.completion.desc": {
			"In tập lệnh gợi ý bằng phím Tab cho bash: các lệnh, lệnh con, tùy chọn của từng lệnh và giá trị của chúng.",
			"Prints a bash completion script: the commands, their subcommands, each command's options and their values.",
		},
		"help.completion.examples": {
			"# cho phiên này\nsource <(nhacviec completion bash)\n# cho mọi phiên\nnhacviec completion bash | sudo tee /etc/bash_completion.d/nhacviec",
			"# for this session\nsource <(nhacviec completion bash)\n# for every session\nnhacviec completion bash | sudo tee /etc/bash_completion.d/nhacviec",
		},
		"help.completion.shell": {"chỉ hỗ trợ bash: nhacviec completion bash", "only bash is supported: nhacviec completion bash"},

		// Secrets: files or systemd credentials (internal/credential).
		"secret.nodir": {
			"%s: \"%s\" là một credential của systemd nhưng biến $CREDENTIALS_DIRECTORY chưa được đặt: hãy chạy nhacviec bằng systemd, với LoadCredential=%s:/etc/nhacviec/%s trong tệp unit, hoặc ghi đường dẫn của tệp",
			"%s: \"%s\" is a systemd credential but $CREDENTIALS_DIRECTORY is not set: run nhacviec under systemd, with LoadCredential=%s:/etc/nhacviec/%s in the unit, or write the file's path",
		},
		"secret.nodir.check": {
			"%s: \"%s\" là một credential của systemd; ở đây không có $CREDENTIALS_DIRECTORY nên chưa kiểm tra được: dịch vụ sẽ đọc nó khi chạy với LoadCredential=%s:…; muốn kiểm tra ngay, hãy đặt CREDENTIALS_DIRECTORY là thư mục chứa các tệp mà LoadCredential= đọc, ví dụ sudo CREDENTIALS_DIRECTORY=/etc/nhacviec nhacviec check",
			"%s: \"%s\" is a systemd credential; it cannot be checked here, without $CREDENTIALS_DIRECTORY: the service reads it when run with LoadCredential=%s:…; to check it now, set CREDENTIALS_DIRECTORY to the folder of the files LoadCredential= reads, e.g. sudo CREDENTIALS_DIRECTORY=/etc/nhacviec nhacviec check",
		},
		"secret.badname": {
			"%s: \"%s\": tên credential phải là một tên tệp, không có dấu /, ví dụ \"%%d/smtp-password\"",
			"%s: \"%s\": a credential's name is one file name, without a slash, e.g. \"%%d/smtp-password\"",
		},
		"secret.denied": {
			"%s: người dùng chạy nhacviec không đọc được tệp %s (không có quyền). Dịch vụ chạy với DynamicUser=yes không đọc được tệp của root (quyền 0600): hãy trao tệp cho dịch vụ bằng LoadCredential=%s:%s trong tệp unit, rồi ghi %s: \"%%d/%s\" trong cấu hình",
			"%s: the user running nhacviec may not read %s (permission denied). A service with DynamicUser=yes cannot read root's files (mode 0600): hand the file to the service with LoadCredential=%s:%s in the unit, then write %s: \"%%d/%s\" in the configuration",
		},
		"passwd.credential": {
			"service.admin_password_file là credential \"%s\" của systemd: hãy ghi vào tệp mà dòng LoadCredential=%s:… của tệp unit trỏ tới, ví dụ sudo nhacviec passwd /etc/nhacviec/%s",
			"service.admin_password_file is the systemd credential \"%s\": write the file the unit's LoadCredential=%s:… line names, e.g. sudo nhacviec passwd /etc/nhacviec/%s",
		},
		"secret.missing": {"%s: không có tệp %s", "%s: there is no file %s"},
		"secret.empty":   {"%s: tệp %s rỗng: hãy ghi bí mật vào đó", "%s: the file %s is empty: write the secret in it"},
		"secret.read":    {"%s: không đọc được %s: %v", "%s: cannot read %s: %v"},
		"secret.accountsunknown": {
			"listen %s không phải địa chỉ nội bộ và chưa đặt admin_password_file; dịch vụ đang chạy nên không xem được kho dữ liệu có tài khoản quản trị hay không (nhacviec user list)",
			"listen %s is not a loopback address and admin_password_file is not set; the daemon is running, so whether the store holds an admin account cannot be seen (nhacviec user list)",
		},

		"help.help.title": {"hướng dẫn một lệnh", "help on a command"},
		"help.help.desc": {
			"In hướng dẫn của một lệnh: mô tả, cách dùng, tùy chọn và ví dụ, như nhacviec LỆNH -h. Không có LỆNH: danh sách các lệnh.",
			"Prints a command's help: description, usage, options and examples, as nhacviec COMMAND -h does. Without COMMAND: the list of commands.",
		},
		"help.help.examples": {"nhacviec help run\nnhacviec run -h", "nhacviec help run\nnhacviec run -h"},
	})
}
