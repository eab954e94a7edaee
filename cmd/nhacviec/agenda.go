package main

import (
	"context"
)

type agendaCommand struct{ env *env }

func (c *agendaCommand) Run(ctx context.Context, args []string) int { return exitUsage }
