package main

import (
	"github.com/nhacviec/nhacviec/plan"
	"github.com/nhacviec/nhacviec/planfile"
)

// noteDiskVersions records each file of cfg (the configuration and the
// plans kept in files of their own) in the store's history when its
// text differs from its newest version: the administrator's edit on disk
// appears in the history beside the editor's saves, at start and at
// every reload that took. A file saved by the editor is already its
// newest version, so the reload that follows the save records nothing.
func (d *daemon) noteDiskVersions(cfg *plan.Config) {
	ids := []string{""}
	for _, p := range cfg.Plans {
		ids = append(ids, p.ID)
	}
	seen := map[string]bool{}
	for _, id := range ids {
		doc, err := planfile.Locate(d.configPath, id)
		if err != nil || seen[doc.Key] {
			continue
		}
		seen[doc.Key] = true
		if _, _, err := doc.Read(d.db); err != nil {
			d.log.Warn("the file's version is not in the history", "file", doc.File, "err", err)
		}
	}
}
