package outbox

import (
	"encoding/json"

	"github.com/nhacviec/nhacviec/notify"
	"github.com/nhacviec/nhacviec/plan"
)

// formatPayload writes a message for Zalo or the webhook as the webhook
// would post it (notify.Payload), indented, with the phones a Zalo
// message would go to.
func formatPayload(m *notify.Message) []byte {
	p := notify.PayloadOf(m)
	if m.Channel == plan.ChannelZalo {
		for _, a := range m.To {
			p.To = append(p.To, a.Phone)
		}
	}
	data, _ := json.MarshalIndent(p, "", "  ") // strings and times: cannot fail
	return append(data, '\n')
}

// StandsIn reports that the outbox keeps messages rather than delivering
// them (notify.Standin): the scheduler records them as the outbox's, and
// the dashboard, the status and the metrics show them so, never as sent.
func (o *Outbox) StandsIn() bool { return true }
